namespace Community.Services.Volunteers.Recognition;

/// <summary>Settings under <c>Recognition</c>.</summary>
public sealed class RecognitionOptions
{
    /// <summary>Hour thresholds for badges.</summary>
    public int[] BadgeHours { get; set; } = [10, 50, 100, 300, 1000];

    public string Neighbourhood { get; set; } = "上海市静安区彭浦镇 阳城贵都居民区";

    public string Issuer { get; set; } = "阳城贵都居民区党群服务站";
}
