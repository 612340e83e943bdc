using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Data;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Registry;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Messaging.Tests.Faults;

/// <summary>What the crash tests share: a stream of registrations with its ledger, and the checks against the databases.</summary>
internal static class CrashLedger
{
    public static Task<(int Known, int Inbox)> GridCountsAsync(VolunteerFlow flow, IReadOnlySet<Guid> volunteers) => flow.Grid.WithScope(async services =>
    {
        var db = services.GetRequiredService<GridDbContext>();
        return (await db.KnownVolunteers.CountAsync(v => volunteers.Contains(v.VolunteerId)),
            await db.InboxMessages.CountAsync(m => m.Consumer == "VolunteerRegisteredConsumer"));
    });

    /// <summary>Every published VolunteerRegistered was recorded once by Grid's inbox, and each volunteer is one row.</summary>
    public static async Task AppliedOnceAsync(VolunteerFlow flow, IReadOnlySet<Guid> volunteers)
    {
        var published = await Eventually.Get(async () =>
        {
            var (pending, count) = await flow.Volunteers.WithScope(async services =>
            {
                var outbox = services.GetRequiredService<VolunteersDbContext>().OutboxMessages.Where(m => m.MessageType.Contains("VolunteerRegistered"));
                return (await outbox.CountAsync(m => m.PublishedAt == null), await outbox.CountAsync());
            });
            return pending == 0 ? (int?)count : null;
        }, TimeSpan.FromSeconds(60), "the outbox to be empty");
        var (known, inbox) = await GridCountsAsync(flow, volunteers);
        Assert.Equal(volunteers.Count, known);
        Assert.Equal(published, inbox);
    }
}

/// <summary>Two clients registering volunteers one after another until stopped, keeping what was acknowledged and what was refused.</summary>
internal sealed class RegistrationStream : IAsyncDisposable
{
    private static int _phoneSeed = Random.Shared.Next(10_000_000, 90_000_000);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _writers;

    public RegistrationStream(VolunteerFlow flow)
    {
        _writers = Enumerable.Range(0, 2).Select(writer => Task.Run(async () =>
        {
            var client = flow.Volunteers.ClientAs(Roles.StationStaff);
            for (var i = 0; !_stop.IsCancellationRequested; i++)
            {
                try
                {
                    using var response = await client.PostAsJsonAsync("/volunteers", new
                    {
                        displayName = $"志愿者{writer}-{i}",
                        phone = $"136{Interlocked.Increment(ref _phoneSeed):D8}",
                        kind = "resident-volunteer",
                        birthDate = "1970-05-01",
                    });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        Acknowledged.Enqueue((await response.Content.ReadFromJsonAsync<VolunteerDto>())!.Id);
                    }
                    else
                    {
                        Refused.Enqueue(new Refusal(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter));
                        await Task.Delay(200);
                    }
                }
                catch (HttpRequestException)
                {
                    Refused.Enqueue(new Refusal(0, null, null));
                }

                await Task.Delay(50);
            }
        })).ToList();
    }

    public ConcurrentQueue<Guid> Acknowledged { get; } = new();

    public ConcurrentQueue<Refusal> Refused { get; } = new();

    public Task UntilAcknowledgedAsync(int count) => Eventually.True(() => Task.FromResult(Acknowledged.Count >= count),
        TimeSpan.FromSeconds(90), $"{count} registrations to be acknowledged");

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_writers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}

internal sealed record Refusal(HttpStatusCode Status, string? MediaType, System.Net.Http.Headers.RetryConditionHeaderValue? RetryAfter);
