using System.Globalization;
using System.Resources;
using Community.ServiceDefaults;

namespace Community.Services.Notices.Delivery;

/// <summary>The notices' words: one title and one body template per kind in <c>NoticeTexts.resx</c> (Simplified Chinese), filled when a notice is written.</summary>
public static class NoticeTexts
{
    private static readonly ResourceManager Resources = new("Community.Services.Notices.Delivery.NoticeTexts", typeof(NoticeTexts).Assembly);
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public static (string Title, string Body) Render(string kind, params object[] args) =>
        (Template(kind, "title", args), Template(kind, "body", args));

    /// <summary>A request category in words (<c>repair</c>: 报修); an unknown one as it came.</summary>
    public static string Category(string category) =>
        Resources.GetString($"category.{category}", CultureInfo.InvariantCulture) ?? category;

    /// <summary>A lendable item's kind in plain words (轮椅车 for wheelchair), else the code itself.</summary>
    public static string ItemKind(string kind) =>
        Resources.GetString($"item.{kind}", CultureInfo.InvariantCulture) ?? kind;

    /// <summary>A short phrase filling a template when the event lacks the fact (<c>three-days-on</c>: 三天后).</summary>
    public static string Phrase(string name) =>
        Resources.GetString($"phrase.{name}", CultureInfo.InvariantCulture) ?? throw new InvalidOperationException($"No phrase '{name}'.");

    /// <summary>A time as the neighbourhood reads it: 12月3日（周四）09:00.</summary>
    public static string When(DateTimeOffset at)
    {
        var local = Neighbourhood.ToLocal(at);
        return local.ToString("M月d日（ddd）HH:mm", Chinese);
    }

    private static string Template(string kind, string part, object[] args)
    {
        var template = Resources.GetString($"{kind}.{part}", CultureInfo.InvariantCulture)
            ?? throw new InvalidOperationException($"No {part} text for notice kind '{kind}'.");
        return string.Format(Chinese, template, args);
    }
}
