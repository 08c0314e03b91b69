using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed:
/// loopback, and the addresses and networks an operator configures. Anyone else's forwarded headers
/// are ignored — a client could otherwise pick its own address and escape every limit — and the
/// first request that carries them from an unknown proxy is warned about once, without its address.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; } = [];
}

public static class Proxies
{
    public static IServiceCollection AddProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        // PostConfigure: also when ASPNETCORE_FORWARDEDHEADERS_ENABLED made the framework trust everyone.
        services.PostConfigure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Add(IPAddress.Loopback);
            options.KnownProxies.Add(IPAddress.IPv6Loopback);
            foreach (var proxy in configured.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    options.KnownProxies.Add(address);
                }
            }

            foreach (var network in configured.KnownNetworks)
            {
                if (IPNetwork.TryParse(network, out var parsed))
                {
                    options.KnownIPNetworks.Add(parsed);
                }
            }
        });
        return services;
    }

    /// <summary>Honours forwarded headers from known proxies only, warning once about any other sender.</summary>
    public static IApplicationBuilder UseProxies(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<UnknownProxyWarning>();
        return app.UseForwardedHeaders();
    }

    private sealed class UnknownProxyWarning(RequestDelegate next, Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions> options, ILogger<UnknownProxyWarning> logger)
    {
        private int _warned;

        public Task InvokeAsync(HttpContext context)
        {
            if (_warned == 0
                && (context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Request.Headers.ContainsKey("X-Forwarded-Proto"))
                && context.Connection.RemoteIpAddress is { } sender
                && !IsKnown(sender, options.Value)
                && Interlocked.Exchange(ref _warned, 1) == 0)
            {
                logger.LogWarning("A request carried X-Forwarded-* headers from a proxy that is not configured, and they were ignored. If a reverse proxy sits in front of the app, add its address to ForwardedHeaders:KnownProxies (or a network to ForwardedHeaders:KnownNetworks).");
            }

            return next(context);
        }

        private static bool IsKnown(IPAddress sender, ForwardedHeadersOptions options)
        {
            var address = sender.IsIPv4MappedToIPv6 ? sender.MapToIPv4() : sender;
            return options.KnownProxies.Any(p => p.Equals(address)) || options.KnownIPNetworks.Any(n => n.Contains(address));
        }
    }
}
