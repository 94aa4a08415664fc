using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;

namespace HoopOrleans.Api.Tests.Security;

/// <summary>The accepted socket of a connection, as Kestrel's socket transport offers it.</summary>
internal sealed class ConnectionSocket(Socket socket) : IConnectionSocketFeature
{
    public Socket Socket { get; } = socket;
}
