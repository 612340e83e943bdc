using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;

namespace Community.Web.SignIn;

/// <summary>
/// Keeps each signed-in person's tokens on the server: the browser's cookie carries only a random key.
/// In memory: a restart of the web app asks people to sign in again (the provider remembers them, so it is one click).
/// </summary>
public sealed class ServerTicketStore(IMemoryCache cache) : ITicketStore
{
    private const string Prefix = "ticket:";

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Guid.NewGuid().ToString("N");
        Put(key, ticket);
        return Task.FromResult(key);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        Put(key, ticket);
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        Task.FromResult(cache.TryGetValue(Prefix + key, out AuthenticationTicket? ticket) ? ticket : null);

    public Task RemoveAsync(string key)
    {
        cache.Remove(Prefix + key);
        return Task.CompletedTask;
    }

    private void Put(string key, AuthenticationTicket ticket) =>
        cache.Set(Prefix + key, ticket, new MemoryCacheEntryOptions { AbsoluteExpiration = ticket.Properties.ExpiresUtc ?? DateTimeOffset.UtcNow.AddHours(8) });
}

/// <summary>Gives the cookie handler the server-side store (it needs the cache from the container).</summary>
internal sealed class UseServerTicketStore(ServerTicketStore store) : Microsoft.Extensions.Options.IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options) => options.SessionStore = store;
}
