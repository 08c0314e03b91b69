using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace MeToo.Tests.Harness;

/// <summary>
/// Several instances of the app behind one address, as a load balancer without sticky sessions puts
/// them: each request goes to the next instance in turn, and the browser's cookies go with it.
/// </summary>
public sealed class LoadBalancer : HttpMessageHandler
{
    private readonly HttpMessageInvoker[] _instances;
    private int _next;

    public LoadBalancer(params MeTooFactory[] instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        _instances = [.. instances.Select(i => new HttpMessageInvoker(i.Server.CreateHandler()))];
    }

    /// <summary>Which instance answered each request so far, in order (0 is the first).</summary>
    public List<int> Answered { get; } = [];

    /// <summary>A browser in front of the instances: its own cookies, no redirects followed.</summary>
    public HttpClient Browser() =>
        new(new CookieContainerHandler(new CookieContainer()) { InnerHandler = this }) { BaseAddress = new Uri("https://localhost") };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var instance = Interlocked.Increment(ref _next) % _instances.Length;
        lock (Answered)
        {
            Answered.Add(instance);
        }

        return _instances[instance].SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var instance in _instances)
            {
                instance.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
