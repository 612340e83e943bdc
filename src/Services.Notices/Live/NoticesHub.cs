using Community.ServiceDefaults.Auth;
using Microsoft.AspNetCore.SignalR;

namespace Community.Services.Notices.Live;

/// <summary>
/// Live notices for a signed-in person while the web app is open: each connection receives <c>notice</c> messages
/// for its account and for the roles it holds (station staff, admin). The inbox stays the source of truth: a client
/// that reconnects fetches what it missed from <c>GET /notices/mine</c>. A connection is closed when its token expires
/// (<see cref="NoticesModule"/>), so the groups it is in are never older than the caller's current token.
/// </summary>
public sealed class NoticesHub : Hub
{
    public const string Path = "/hubs/notices";
    public const string NoticeMethod = "notice";

    public override async Task OnConnectedAsync()
    {
        foreach (var role in RoleNotices.Roles.Where(Context.User!.IsInRole))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RoleNotices.Group(role));
        }

        await base.OnConnectedAsync();
    }
}

/// <summary>The roles that have a shared inbox (escalations, understaffed shifts), and their hub groups.</summary>
public static class RoleNotices
{
    public static readonly IReadOnlyList<string> Roles = [Community.ServiceDefaults.Auth.Roles.StationStaff, Community.ServiceDefaults.Auth.Roles.Admin];

    public static string Group(string role) => $"role:{role}";
}

/// <summary>A connection's user is the token's subject (the account), as the inbox addresses it.</summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User?.FindFirst(CommunityClaims.Subject)?.Value;
}
