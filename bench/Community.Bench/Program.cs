using Community.Bench;

// Usage: Community.Bench NAME (bench/run.sh NAME); see bench/README.md. One entry a benchmark.
var benchmarks = new Dictionary<string, Func<SystemUnderTest, Task>>
{
    ["gateway-overhead"] = SystemBenchmarks.GatewayOverheadAsync,
    ["event-latency"] = SystemBenchmarks.EventLatencyAsync,
    ["registration-storm"] = ActivitiesBenchmarks.RegistrationStormAsync,
    ["registrations-steady"] = ActivitiesBenchmarks.RegistrationsSteadyAsync,
    ["session-listing"] = ActivitiesBenchmarks.SessionListingAsync,
    ["signup-storm"] = VolunteersBenchmarks.SignUpStormAsync,
    ["matching"] = VolunteersBenchmarks.MatchingAsync,
    ["hours-crediting"] = VolunteersBenchmarks.HoursCreditingAsync,
    ["grid-coverage"] = GridBenchmarks.CoverageAndReportAsync,
    ["identity"] = IdentityBenchmarks.SignInAndValidationAsync,
    ["web"] = WebBenchmarks.FirstRenderAndDoorAsync,
    ["notices"] = NoticesBenchmarks.CancellationAndRemindersAsync,
    ["partners"] = PartnersBenchmarks.FanOutAsync,
};

if (args.Length != 1 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.Error.WriteLine($"usage: bench/run.sh {string.Join(" | ", benchmarks.Keys)}");
    return 2;
}

Console.WriteLine($"Starting the system (AppHost, local mode, {Environment.GetEnvironmentVariable("BENCH_REPLICAS") ?? "1"} process(es) of each service) on {Environment.ProcessorCount} cores...");
await using var system = await SystemUnderTest.StartAsync();
await benchmark(system);
return 0;
