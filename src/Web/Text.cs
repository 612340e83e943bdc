namespace Community.Web;

/// <summary>
/// The web app's words, in <c>Resources/Text.resx</c> (Simplified Chinese, the neutral language); another language
/// is a <c>Text.en.resx</c> beside it. Pages take <c>IStringLocalizer&lt;Text&gt;</c>.
/// </summary>
public sealed class Text;
