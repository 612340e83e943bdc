using System.Globalization;
using System.Threading.RateLimiting;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Community.Gateway;

/// <summary>
/// What the front door allows one caller: a token bucket per account (the token's subject), or per client
/// address when anonymous, and a bound on a request's body. Over either, the caller gets problem details —
/// 429 with <c>Retry-After</c>, or 413 — before any service is bothered.
/// </summary>
public static class FrontDoorLimits
{
    public const string Section = "RateLimits";

    public static IHostApplicationBuilder AddFrontDoorLimits(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(Section).Get<FrontDoorOptions>() ?? new FrontDoorOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, options));
            limiter.OnRejected = RejectAsync;
        });
        return builder;
    }

    public static void UseFrontDoorLimits(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<FrontDoorOptions>();
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > options.MaxBodyBytes)
            {
                await WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, ProblemTypes.TooLarge, "The request is too large.",
                    $"A request body may be at most {options.MaxBodyBytes} bytes.");
                return;
            }

            // A body without a declared length is cut off at the same size while it is read.
            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = options.MaxBodyBytes;
            }

            await next();
        });
        app.UseRateLimiter();
    }

    /// <summary>The bucket a request draws from: its account's, or its address's when nobody signed in.</summary>
    internal static RateLimitPartition<string> Partition(HttpContext context, FrontDoorOptions options)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(CommunityClaims.Subject)?.Value is { Length: > 0 } subject)
        {
            return RateLimitPartition.GetTokenBucketLimiter($"account:{subject}", _ => Bucket(options.PerAccount));
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetTokenBucketLimiter($"address:{address}", _ => Bucket(options.PerAddress));
    }

    private static TokenBucketRateLimiterOptions Bucket(BucketOptions bucket) => new()
    {
        TokenLimit = bucket.Burst,
        TokensPerPeriod = bucket.PerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await WriteProblemAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyRequests,
            "Too many requests.", $"Slow down: try again in {seconds} s.");
    }

    private static async Task WriteProblemAsync(HttpContext context, int status, string type, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail },
        });
    }
}

public sealed class FrontDoorOptions
{
    /// <summary>A signed-in person or partner: 20 requests a second, bursts of 60 (a page load fans out).</summary>
    public BucketOptions PerAccount { get; set; } = new() { PerSecond = 20, Burst = 60 };

    /// <summary>Callers without a token (sign-up, public calendars): 5 a second per address, bursts of 20.</summary>
    public BucketOptions PerAddress { get; set; } = new() { PerSecond = 5, Burst = 20 };

    /// <summary>1 MiB: the largest body any service accepts is far smaller.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}

public sealed class BucketOptions
{
    public int PerSecond { get; set; }

    public int Burst { get; set; }
}
