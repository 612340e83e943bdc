using System.Net;
using System.Text.RegularExpressions;
using Community.Contracts;
using Community.Services.Partners;
using Community.Services.Partners.PublicEvents;
using Community.Services.Partners.Webhooks;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Community.Unit.Tests.Partners;

/// <summary>The partners' pure rules: retries, where webhooks may go, signatures, and what a public event may carry.</summary>
public sealed class PartnerRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);
    private static readonly WebhookOptions Options = new();

    [Theory]
    [InlineData(200, AttemptVerdict.Delivered)]
    [InlineData(204, AttemptVerdict.Delivered)]
    [InlineData(410, AttemptVerdict.EndpointGone)]
    [InlineData(500, AttemptVerdict.RetryLater)]
    [InlineData(404, AttemptVerdict.RetryLater)]
    [InlineData(301, AttemptVerdict.RetryLater)]
    [InlineData(null, AttemptVerdict.RetryLater)]
    public void An_answer_decides_the_delivery(int? status, AttemptVerdict verdict) =>
        Assert.Equal(verdict, RetrySchedule.Decide(status, 0, Now, Now.AddHours(72), Options, 0.5).Verdict);

    [Fact]
    public void Retries_back_off_exponentially_with_jitter_up_to_a_ceiling_and_give_up_after_72_hours()
    {
        Assert.Equal(TimeSpan.FromSeconds(2.5), RetrySchedule.Delay(1, Options.FirstRetryDelay, Options.MaxRetryDelay, 0));
        Assert.Equal(TimeSpan.FromSeconds(5).TotalMilliseconds, RetrySchedule.Delay(1, Options.FirstRetryDelay, Options.MaxRetryDelay, 0.999999).TotalMilliseconds, 100.0);
        Assert.Equal(TimeSpan.FromSeconds(40).TotalMilliseconds, RetrySchedule.Delay(4, Options.FirstRetryDelay, Options.MaxRetryDelay, 0.999999).TotalMilliseconds, 100.0);
        Assert.Equal(TimeSpan.FromHours(6).TotalMilliseconds, RetrySchedule.Delay(40, Options.FirstRetryDelay, Options.MaxRetryDelay, 0.999999).TotalMilliseconds, 100.0);
        Assert.Equal(TimeSpan.FromHours(3), RetrySchedule.Delay(40, Options.FirstRetryDelay, Options.MaxRetryDelay, 0));

        var (verdict, next) = RetrySchedule.Decide(500, 2, Now, Now.AddHours(72), Options, 0.5);
        Assert.Equal(AttemptVerdict.RetryLater, verdict);
        Assert.Equal(Now + TimeSpan.FromSeconds(15), next);
        Assert.Equal(AttemptVerdict.GiveUp, RetrySchedule.Decide(500, 30, Now, Now.AddMinutes(10), Options, 0.5).Verdict);

        // Over 72 hours, a dead endpoint is tried a few dozen times, not thousands.
        var (at, tries) = (Now, 0);
        while (RetrySchedule.Decide(500, tries, at, Now.AddHours(72), Options, 0.5) is (AttemptVerdict.RetryLater, { } later))
        {
            (at, tries) = (later, tries + 1);
        }

        Assert.InRange(tries, 10, 40);
    }

    [Theory]
    [InlineData("https://hooks.partner.example/community", false, true)]
    [InlineData("http://hooks.partner.example/community", false, false)]
    [InlineData("http://127.0.0.1:5000/hook", true, true)]
    [InlineData("https://127.0.0.1/hook", false, false)]
    [InlineData("https://10.1.2.3/hook", false, false)]
    [InlineData("https://192.168.0.1/hook", false, false)]
    [InlineData("https://172.20.0.1/hook", false, false)]
    [InlineData("https://169.254.169.254/latest/meta-data", false, false)]
    [InlineData("https://[::1]/hook", false, false)]
    [InlineData("https://[fd00::1]/hook", false, false)]
    [InlineData("https://localhost/hook", false, false)]
    [InlineData("https://grid/requests", false, false)]
    [InlineData("https://user:pass@hooks.partner.example/", false, false)]
    [InlineData("ftp://hooks.partner.example/", true, false)]
    [InlineData("not a url", true, false)]
    [InlineData("https://hooks.partner.example/a b", false, false)]
    [InlineData("https://hooks.partner.example/\u0000", false, false)]
    public void Webhooks_go_only_to_public_https_addresses_outside_local_mode(string url, bool localMode, bool allowed) =>
        Assert.Equal(allowed, EndpointAddress.Problem(url, localMode) is null);

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("64:ff9b::808:808", true)]
    [InlineData("198.18.0.1", false)]
    public void Private_shared_and_mapped_addresses_are_not_public(string address, bool isPublic) =>
        Assert.Equal(isPublic, EndpointAddress.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void A_delivery_signed_during_a_rotation_verifies_with_either_secret_and_not_with_a_third()
    {
        var (old, current, other) = (WebhookSecrets.New(), WebhookSecrets.New(), WebhookSecrets.New());
        var payload = """{"specversion":"1.0","id":"x"}""";
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = "msg_1",
            ["webhook-timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(),
            ["webhook-signature"] = WebhookSender.Signature([current, old], "msg_1", DateTimeOffset.UtcNow, payload),
        };

        // The new secret's signature first: this library (like many receivers) checks only the first one.
        new StandardWebhook(current).Verify(payload, headers);
        var signatures = headers["webhook-signature"].ToString().Split(' ');
        Assert.Equal(2, signatures.Length);
        new StandardWebhook(old).Verify(payload, new HeaderDictionary(headers.ToDictionary(h => h.Key, h => h.Value)) { ["webhook-signature"] = signatures[1] });
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(other).Verify(payload, headers));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(current).Verify(payload + " ", headers));
    }

    /// <summary>What a public event's data may hold: ids of things (never of people) and a few named, non-personal texts.</summary>
    [Fact]
    public void No_public_event_type_can_carry_personal_data()
    {
        var thingIds = new HashSet<string> { "NeedId", "SessionId", "SeriesId", "ShiftId", "PledgeId" };
        var plainTexts = new HashSet<string> { "ItemKind", "Category", "Audience", "Title", "NeedKind", "OrganisationName" };
        var personal = new Regex("name|phone|mobile|birth|age|address|resident|volunteerid|account|person|description|note|reason|comment|text|email|photo|household|building",
            RegexOptions.IgnoreCase);
        Assert.NotEmpty(PublicEventCatalogue.All);
        foreach (var type in PublicEventCatalogue.All)
        {
            Assert.Equal(type.DataType, type.Example.GetType());
            foreach (var property in type.DataType.GetProperties())
            {
                var where = $"{type.Name}.{property.Name}";
                var kind = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (kind == typeof(Guid))
                {
                    Assert.True(thingIds.Contains(property.Name), $"{where}: an id that may identify a person");
                }
                else if (kind == typeof(string))
                {
                    Assert.True(plainTexts.Contains(property.Name), $"{where}: free text nobody has checked for personal data");
                }
                else
                {
                    Assert.True(kind.IsPrimitive || kind == typeof(decimal) || kind == typeof(DateTimeOffset), $"{where}: a {kind.Name} nobody has checked");
                    Assert.False(personal.IsMatch(property.Name), $"{where}: sounds personal");
                }
            }
        }
    }

    [Fact]
    public void A_completed_session_is_told_as_total_volunteer_hours()
    {
        var completed = new SessionCompleted(Guid.NewGuid(), Guid.NewGuid(), "education", Now, Now.AddHours(1), 18,
            [new VolunteerServed(Guid.NewGuid(), Guid.NewGuid(), 90), new VolunteerServed(Guid.NewGuid(), Guid.NewGuid(), 50)], Now);
        Assert.Equal(2.33m, SessionCompletedConsumer.VolunteerHours(completed));
    }
}
