using System.Net.Sockets;
using HoopOrleans.Sessions;
using Npgsql;

namespace HoopOrleans.Storage.Postgres;

/// <summary>
/// Runs one operation on the session store the way callers need it: a pooled connection that a
/// server restart closed is thrown away and the operation tried again on a fresh one, so no stale
/// connection reaches a caller; a store that is really down surfaces as a
/// <see cref="SessionStoreUnavailableException"/>, which every layer above knows as "503, retry".
/// </summary>
/// <remarks>
/// Trying again is safe for every statement the store runs: reads change nothing, and each write
/// names the row version it expects, so a write that did land the first time finds the version
/// moved and fails as a conflict instead of applying twice.
/// </remarks>
internal static class PostgresStoreCall
{
    /// <summary>One more try per idle connection a restart can leave behind is not needed: the pool is cleared at the first.</summary>
    private const int Attempts = 3;

    public static async Task<T> RunAsync<T>(NpgsqlDataSource dataSource, Func<Task<T>> operation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation();
            }
            catch (Exception e) when (IsStaleConnection(e) && attempt < Attempts)
            {
                // Every idle connection opened before the restart is as dead as this one, and so
                // are those of Orleans' membership provider, which pools by connection string:
                // cleared now, its next read does not meet the restart either.
                dataSource.Clear();
                NpgsqlConnection.ClearAllPools();
            }
            catch (Exception e) when (IsOutage(e))
            {
                throw new SessionStoreUnavailableException(e);
            }
        }
    }

    public static Task RunAsync(NpgsqlDataSource dataSource, Func<Task> operation) =>
        RunAsync(dataSource, async () =>
        {
            await operation();
            return true;
        });

    /// <summary>
    /// The server ended this connection (an administrator's or a restart's shutdown), or its socket
    /// was found closed: a connection from before the server's restart.
    /// </summary>
    internal static bool IsStaleConnection(Exception e) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown } => true,
        NpgsqlException { InnerException: IOException or SocketException } => true,
        _ => false,
    };

    /// <summary>The store cannot serve now: not reachable, not answering, shutting down, or out of connections.</summary>
    internal static bool IsOutage(Exception e) => e switch
    {
        PostgresException p => p.IsTransient || p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException => true,
        TimeoutException or IOException or SocketException => true,
        _ => false,
    };
}
