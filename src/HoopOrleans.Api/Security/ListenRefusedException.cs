namespace HoopOrleans.Api.Security;

/// <summary>The service will not serve on the addresses it bound; the message names them.</summary>
internal sealed class ListenRefusedException(string message) : Exception(message);
