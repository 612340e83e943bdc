using Community.ServiceDefaults.Jobs;
using Microsoft.Extensions.Options;

namespace Community.Services.Grid.Equipment;

/// <summary>
/// Lets holds nobody came for lapse (<see cref="Lending.LapseDueHoldsAsync"/>), so one resident who no longer needs the
/// chair cannot keep it from the next. Safe on several instances: each hold is claimed by a conditional update.
/// </summary>
public sealed class HoldExpiry(IServiceScopeFactory scopes, TimeProvider time, IOptions<EquipmentOptions> options, ILogger<HoldExpiry> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => options.Value.CheckEvery;

    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => LapseDueAsync(cancellationToken);

    public async Task<int> LapseDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Lending>().LapseDueHoldsAsync(cancellationToken);
    }
}
