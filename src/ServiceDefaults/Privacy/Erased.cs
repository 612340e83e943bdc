namespace Community.ServiceDefaults.Privacy;

/// <summary>
/// What stays where a person's words or name were, once they asked for their data to be erased (PIPL art. 47): rows
/// others rely on (a session's numbers, a request's history, hours served) are kept without the person in them.
/// </summary>
public static class Erased
{
    /// <summary>In place of a person's name.</summary>
    public const string Name = "已注销";

    /// <summary>In place of a text the person wrote.</summary>
    public const string Text = "（内容已应本人要求删除）";

    /// <summary>Why a record left the registers (the move-out or retirement reason recorded).</summary>
    public const string Reason = "erased at the person's request";
}
