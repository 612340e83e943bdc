namespace Community.Identity.SignIn;

/// <summary>The sign-in page's words, in plain Chinese.</summary>
public static class SignInText
{
    public const string Title = "登录 阳城贵都社区";
    public const string Phone = "手机号";
    public const string Password = "密码";
    public const string Submit = "登录";
    public const string Wrong = "手机号或密码不对，请再试一次。";
    public const string Disabled = "这个账号已停用，请到党群服务站咨询。";
    public const string Unavailable = "系统暂时连不上，您的信息没有改动。请过几分钟再试。";
    public const string LockedOut = "密码错误次数太多，账号暂时锁定。请 15 分钟后再试，或到党群服务站重设密码。";
    public const string Help = "忘记密码或没有账号？请到党群服务站，工作人员会给您一张激活码卡片。";
}
