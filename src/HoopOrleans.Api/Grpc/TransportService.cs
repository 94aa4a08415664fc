using global::Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Grpc.Wire;

namespace HoopOrleans.Api.Grpc;

/// <summary>
/// hoop's <c>protobuf.Transport</c> on the front end: <c>Connect</c> is one <c>hoop exec</c>
/// (<see cref="ExecStream"/>). The caller is who the request's <c>authorization</c> metadata says,
/// by the same keys and rules as the HTTP API (keyless: the one anonymous caller, whatever token
/// the CLI's local mode sends); every failure becomes a gRPC status with a message (<see cref="GrpcFailures"/>).
/// </summary>
internal sealed class TransportService(ExecStreamServices services, IAuthorizationService authorization, ILogger<TransportService> logger) : Transport.TransportBase
{
    public override async Task Connect(IAsyncStreamReader<Packet> requestStream, IServerStreamWriter<Packet> responseStream, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        try
        {
            var caller = http.User.Identity?.IsAuthenticated == true && http.Features.Get<Caller>() is { } known
                ? known
                : throw new RpcException(new Status(StatusCode.Unauthenticated, "access denied"));
            // The policy POST /api/sessions requires, so the two front doors cannot drift apart.
            if (!(await authorization.AuthorizeAsync(http.User, Roles.RunPolicy)).Succeeded)
            {
                throw new RpcException(new Status(StatusCode.PermissionDenied, "this key may not run scripts"));
            }

            var verb = context.RequestHeaders.GetValue(SpecKeys.VerbHeader);
            if (verb is not (null or "" or "exec"))
            {
                throw new RpcException(new Status(StatusCode.Unimplemented, "only hoop exec works here: interactive connect needs a terminal this service does not give; run `hoop exec <connection> -i '<script>'`"));
            }

            var connection = context.RequestHeaders.GetValue(SpecKeys.ConnectionHeader);
            if (string.IsNullOrEmpty(connection))
            {
                throw GrpcFailures.InvalidArgument("the connection-name metadata is missing");
            }

            if (!caller.MayUse(connection))
            {
                throw new RpcException(new Status(StatusCode.NotFound, "connection not found"));
            }

            await new ExecStream(requestStream, responseStream, context, caller, connection, services).RunAsync();
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
        {
            throw GrpcFailures.Of(http, e, logger);
        }
    }
}
