namespace HoopOrleans.Api.Users;

/// <summary>
/// <c>GET /api/userinfo</c>: who the key is, in hoop.dev's <c>UserInfo</c> fields where they mean
/// something here (<c>id</c>, <c>name</c>, <c>email</c>, <c>groups</c>, <c>is_admin</c>, <c>role</c>),
/// plus the connections the key may use (<c>null</c>: all). The console draws only the buttons these
/// allow; the API still decides every call on its own.
/// </summary>
internal sealed record UserInfoAnswer(
    string Id,
    string Name,
    string Email,
    IReadOnlyList<string> Groups,
    bool IsAdmin,
    string Role,
    string Status,
    bool IsAnonymous,
    IReadOnlyList<string>? Connections);
