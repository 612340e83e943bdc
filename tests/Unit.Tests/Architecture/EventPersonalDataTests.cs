using System.Reflection;
using Community.Contracts;

namespace Community.Unit.Tests.Architecture;

/// <summary>
/// Internal events carry no more than their consumers need (PIPL: minimum data). Every text an event carries is
/// either a code picked from a list, or personal data written down here with the consumer that shows it — so a new
/// free-text field (a reason typed by a resident, a staff note) fails this test until someone decides it belongs.
/// </summary>
public sealed class EventPersonalDataTests
{
    /// <summary>Texts that are codes or labels chosen from a list, never words a person typed.</summary>
    private static readonly HashSet<string> Codes =
    [
        "Category", "Kind", "Status", "FromStatus", "ToStatus", "Priority", "Skill", "Channel", "Role", "Action", "Level", "Purpose",
        "Outcome", "Change", "Source", "Audience", "SourceService", "NeedKind", "ItemKind", "ReasonCode", "Code", "Skills", "Service",
    ];

    /// <summary>Texts that are personal data or written by someone, each with the consumer that needs it.</summary>
    private static readonly Dictionary<string, string> Documented = new()
    {
        ["VolunteerRegistered.DisplayName"] = "Grid shows a team's members, a colony's caretakers and who visited a household.",
        ["VolunteerProfileChanged.DisplayName"] = "the same read model in Grid, kept current.",
        ["ResidentRecorded.Name"] = "Activities puts the participant's name on the door list; Notices addresses the person.",
        ["SessionScheduled.Title"] = "the activity's title staff wrote for the public calendar; not about a person.",
        ["BuildingRegistered.Number"] = "a building's number; not about a person.",
        ["PledgeFulfilled.OrganisationName"] = "an organisation, not a person: the public feed thanks it by name.",
        ["WebhookEndpointDisabled.OrganisationName"] = "an organisation, not a person: the notice to its contact names it.",
        ["WebhookEndpointDisabled.Host"] = "the partner's own endpoint host, shown to the partner's contact.",
        ["WebhookEndpointDisabled.Reason"] = "written by the system (the answer and the time), never by a person.",
        ["RegistrationCancelled.Reason"] = "no longer sent (always null; a resident's words stay in Activities); read only in messages published before.",
        ["SessionCancelled.Reason"] = "no longer sent (always null; staff's words stay in Activities); read only in messages published before.",
        ["ShiftCancelled.Reason"] = "no longer sent (always null); read only in messages published before.",
    };

    private static IEnumerable<(Type Contract, PropertyInfo Property)> TextProperties() =>
        typeof(RegistrationCancelled).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Community.Contracts" && t.IsClass && !t.IsAbstract)
            .SelectMany(t => t.GetProperties().Select(p => (t, p)))
            .Where(x => x.p.PropertyType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(x.p.PropertyType));

    [Fact]
    public void Every_text_an_event_carries_is_a_code_or_documented_personal_data()
    {
        var undocumented = TextProperties()
            .Select(x => $"{x.Contract.Name}.{x.Property.Name}")
            .Where(name => !Codes.Contains(name[(name.IndexOf('.') + 1)..]) && !Documented.ContainsKey(name))
            .ToList();

        Assert.Empty(undocumented);
    }

    [Fact]
    public void The_documented_list_names_only_fields_that_exist()
    {
        var existing = TextProperties().Select(x => $"{x.Contract.Name}.{x.Property.Name}").ToHashSet();

        Assert.All(Documented.Keys, key => Assert.Contains(key, existing));
    }

    [Fact]
    public void A_cancellation_is_read_by_its_code_and_messages_from_before_codes_by_their_fixed_words()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(CancellationReasons.ByStaff, new RegistrationCancelled(Guid.NewGuid(), Guid.NewGuid(), null, true, now, ReasonCode: CancellationReasons.ByStaff).Code);
        Assert.Equal(CancellationReasons.OfferExpired, new RegistrationCancelled(Guid.NewGuid(), Guid.NewGuid(), "offer expired", true, now).Code);
        Assert.Equal(CancellationReasons.SessionCompleted, new RegistrationCancelled(Guid.NewGuid(), Guid.NewGuid(), "session completed", false, now).Code);
        Assert.Equal(CancellationReasons.Other, new RegistrationCancelled(Guid.NewGuid(), Guid.NewGuid(), "孙子生日", true, now).Code);
    }
}
