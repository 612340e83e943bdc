using Community.ServiceDefaults.Http;

namespace Community.Services.Grid.Cats;

/// <summary>The bounds of what the cat archive takes in, checked before any work; field names are the JSON names.</summary>
public static class CatRules
{
    public const int MaxNameLength = 50;
    public const int MaxSpotLength = 200;
    public const int MaxDescriptionLength = 500;
    public const int MaxPhotoRefLength = 300;
    public const int MaxVaccineLength = 50;
    public const int MaxVaccinations = 10;
    public const int MaxStationNameLength = 100;
    public const int MaxCaretakers = 10;
    public const int MaxNoteLength = 200;

    /// <summary>How far back a feeding may be entered (the paper log of the last weeks).</summary>
    public const int FeedingLogDays = 31;

    /// <summary>How far back a cat may be recorded as having left its colony.</summary>
    public const int LeftWithinDays = 366;

    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    public const string ColonyNameIndex = "ix_cat_colonies_name";
    public const string OneColonyAtATimeIndex = "ux_cat_stays_current";
    public const string OneVaccinationPerDayIndex = "ix_cat_vaccinations_cat_id_vaccine_given_on";
    public const string OneCurrentCaretakerIndex = "ux_station_caretakers_current";

    public static FieldErrors CheckColony(CreateColonyRequest request)
    {
        var errors = new FieldErrors().Require("name", request.Name, MaxNameLength).OneOf("place", request.Place, ColonyPlaces.All);
        switch (request.Place)
        {
            case ColonyPlaces.Building:
                Require(errors, "buildingId", request.BuildingId);
                Absent(errors, "spot", request.Spot, "is only for a colony at a described spot.");
                if (request.CompoundId is not null)
                {
                    errors.Add("compoundId", "is the building's own: leave it out.");
                }
                break;
            case ColonyPlaces.Compound:
                Require(errors, "compoundId", request.CompoundId);
                Absent(errors, "spot", request.Spot, "is only for a colony at a described spot.");
                break;
            case ColonyPlaces.Spot:
                errors.Require("spot", request.Spot, MaxSpotLength);
                break;
        }

        if (request.Place != ColonyPlaces.Building && request.BuildingId is not null)
        {
            errors.Add("buildingId", "is only for a colony by a building.");
        }

        return errors;
    }

    /// <summary>A new cat: a name, a known sex, at most <see cref="MaxVaccinations"/> vaccinations, no date in the future.</summary>
    public static FieldErrors CheckNewCat(RecordCatRequest request, DateOnly today)
    {
        var errors = CheckDetails(request.Name, request.Description, request.PhotoRef, request.Sex);
        CheckDay(errors, "neuteredOn", request.NeuteredOn, today, required: false);
        var vaccinations = request.Vaccinations ?? [];
        if (vaccinations.Count > MaxVaccinations)
        {
            errors.Add("vaccinations", $"must hold at most {MaxVaccinations} items.");
            return errors;
        }

        for (var i = 0; i < vaccinations.Count; i++)
        {
            if (vaccinations[i] is null)
            {
                errors.Add($"vaccinations[{i}]", "must not be empty.");
                continue;
            }

            CheckVaccination(errors, vaccinations[i], today, $"vaccinations[{i}].");
        }

        return errors;
    }

    /// <summary>An archived cat coming back: its id, and nothing that would describe a new cat.</summary>
    public static FieldErrors CheckReturn(RecordCatRequest request)
    {
        var errors = new FieldErrors();
        if (request.Name is not null || request.Description is not null || request.PhotoRef is not null || request.Sex is not null ||
            request.NeuteredOn is not null || request.EarTipped is not null || request.Vaccinations is not null)
        {
            errors.Add("catId", "give either an archived cat's id or a new cat's details, not both.");
        }

        return errors;
    }

    public static FieldErrors CheckDetails(string? name, string? description, string? photoRef, string? sex) =>
        new FieldErrors().Require("name", name, MaxNameLength).Optional("description", description, MaxDescriptionLength)
            .Optional("photoRef", photoRef, MaxPhotoRefLength).OneOf("sex", sex, CatSexes.All);

    public static FieldErrors CheckNeutering(NeuteringRequest request, DateOnly today) =>
        CheckDay(new FieldErrors(), "neuteredOn", request.NeuteredOn, today, required: true);

    public static FieldErrors CheckVaccination(FieldErrors errors, VaccinationRequest request, DateOnly today, string prefix = "")
    {
        errors.Require($"{prefix}vaccine", request.Vaccine, MaxVaccineLength);
        return CheckDay(errors, $"{prefix}givenOn", request.GivenOn, today, required: true);
    }

    /// <summary>A cat leaves with a leaving status, on a day neither in the future nor more than a year ago.</summary>
    public static FieldErrors CheckLeaving(CatStatusRequest request, DateOnly today)
    {
        var errors = new FieldErrors().OneOf("status", request.Status, CatStatuses.Leaving);
        if (request.On is { } on && (on > today || on < today.AddDays(-LeftWithinDays)))
        {
            errors.Add("on", $"must not be in the future nor more than {LeftWithinDays} days ago.");
        }

        return errors;
    }

    public static FieldErrors CheckStation(PlaceStationRequest request, DateOnly today)
    {
        var errors = new FieldErrors().Require("name", request.Name, MaxStationNameLength);
        CheckDay(errors, "placedOn", request.PlacedOn, today, required: false);
        return CheckCaretakers(errors, request.CaretakerIds);
    }

    public static FieldErrors CheckCaretakers(FieldErrors errors, IReadOnlyList<Guid>? caretakerIds)
    {
        if (caretakerIds is null)
        {
            return errors;
        }

        if (caretakerIds.Count > MaxCaretakers)
        {
            errors.Add("caretakerIds", $"must hold at most {MaxCaretakers} volunteers.");
        }
        else if (caretakerIds.Contains(Guid.Empty))
        {
            errors.Add("caretakerIds", "must not hold an empty id.");
        }

        return errors;
    }

    public static FieldErrors CheckFeeding(LogFeedingRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors().Optional("note", request.Note, MaxNoteLength);
        if (request.FedAt is not { } fedAt || fedAt > now.AddMinutes(5) || fedAt < now.AddDays(-FeedingLogDays))
        {
            errors.Add("fedAt", $"is required: when the cats were fed, not in the future and within the last {FeedingLogDays} days.");
        }

        if (request.CaretakerId == Guid.Empty)
        {
            errors.Add("caretakerId", "must not be an empty id.");
        }

        return errors;
    }

    /// <summary>A day that has happened: not after <paramref name="today"/> (in Shanghai), not before 2000.</summary>
    private static FieldErrors CheckDay(FieldErrors errors, string field, DateOnly? day, DateOnly today, bool required)
    {
        if (day is null)
        {
            return required ? errors.Add(field, "is required.") : errors;
        }

        if (day > today)
        {
            errors.Add(field, $"must not be in the future (today is {today:yyyy-MM-dd} in Shanghai).");
        }
        else if (day < EarliestDate)
        {
            errors.Add(field, $"must not be before {EarliestDate:yyyy-MM-dd}.");
        }

        return errors;
    }

    private static void Require(FieldErrors errors, string field, Guid? id)
    {
        if (id is null || id == Guid.Empty)
        {
            errors.Add(field, "is required.");
        }
    }

    private static void Absent(FieldErrors errors, string field, string? value, string message)
    {
        if (value is not null)
        {
            errors.Add(field, message);
        }
    }
}
