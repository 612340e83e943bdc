using System.Text.RegularExpressions;

namespace Community.ServiceDefaults.Privacy;

/// <summary>Mainland China mobile numbers: checked on the way in, masked on the way out.</summary>
public static partial class PhoneNumbers
{
    public static bool IsValidMobile(string? value) => value is not null && Mobile().IsMatch(value);

    /// <summary><c>13812345678</c> becomes <c>138****5678</c>: enough to recognise, not enough to call.</summary>
    public static string Mask(string phone) =>
        phone.Length >= 7 ? string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(phone.Length - 4)) : "****";

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();
}
