using Community.ServiceDefaults.Auth;
using Community.Testing;

// Mints a bearer token for local use: MintToken ROLE [ROLE...] [--sub ID] [--name NAME] [--key-file PATH]
var roles = new List<string>();
string? subject = null, name = null;
var keyFile = Path.Combine(Directory.GetCurrentDirectory(), ".data", "secrets", "jwt-signing-key");
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--sub": subject = args[++i]; break;
        case "--name": name = args[++i]; break;
        case "--key-file": keyFile = args[++i]; break;
        default: roles.Add(args[i]); break;
    }
}

var unknown = roles.Where(r => !Roles.All.Contains(r)).ToList();
if (roles.Count == 0 || unknown.Count > 0)
{
    Console.Error.WriteLine($"usage: token.sh ROLE [ROLE...] [--sub ID] [--name NAME]; roles: {string.Join(", ", Roles.All)}");
    return 2;
}

var key = Environment.GetEnvironmentVariable("Auth__SigningKey");
if (string.IsNullOrWhiteSpace(key))
{
    if (!File.Exists(keyFile))
    {
        Console.Error.WriteLine($"No signing key at {keyFile}: start the system once with ./run.sh, or set Auth__SigningKey.");
        return 1;
    }

    key = File.ReadAllText(keyFile).Trim();
}

Console.WriteLine(DevTokens.Mint(key, roles, subject, name));
return 0;
