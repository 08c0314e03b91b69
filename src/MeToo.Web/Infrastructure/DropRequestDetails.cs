using Serilog.Core;
using Serilog.Events;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// ASP.NET Core wraps every request in a logging scope carrying the raw path (with a story's public
/// id or a query string) and the connection id; Serilog would turn those into properties of every
/// event. This removes them before any sink sees them (privacy rule 6).
/// </summary>
public sealed class DropRequestDetails : ILogEventEnricher
{
    private static readonly string[] Dropped = ["RequestPath", "RequestId", "ConnectionId", "QueryString", "Path", "Host", "UserAgent", "RemoteIpAddress", "Referer"];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        foreach (var name in Dropped)
        {
            logEvent.RemovePropertyIfPresent(name);
        }
    }
}
