using Community.ServiceDefaults.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Community.Unit.Tests.Platform;

public sealed class PeriodicJobTests
{
    private sealed class FlakyJob(TimeProvider time, Exception firstFailure) : PeriodicJob(time, NullLogger.Instance)
    {
        private int _passes;

        public int Passes => Volatile.Read(ref _passes);

        protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

        protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _passes) == 1 ? Task.FromException<int>(firstFailure) : Task.FromResult(1);
    }

    [Theory]
    [InlineData(typeof(OperationCanceledException))]
    [InlineData(typeof(TaskCanceledException))]
    [InlineData(typeof(InvalidOperationException))]
    public async Task A_pass_that_fails_even_by_a_timeout_is_logged_and_the_next_tick_runs(Type failure)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var job = new FlakyJob(clock, (Exception)Activator.CreateInstance(failure)!);

        await job.StartAsync(CancellationToken.None);
        await WaitUntil(() => job.Passes >= 1);
        clock.Advance(TimeSpan.FromMinutes(1));
        await WaitUntil(() => job.Passes >= 2);

        Assert.False(job.ExecuteTask!.IsCompleted, "the job stopped instead of going on");
        await job.StopAsync(CancellationToken.None);
        Assert.True(job.ExecuteTask.IsCompletedSuccessfully || job.ExecuteTask.IsCanceled);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "the job did not make its pass in time");
    }
}
