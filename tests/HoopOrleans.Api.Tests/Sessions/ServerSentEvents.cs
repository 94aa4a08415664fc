using System.Text.Json;

namespace HoopOrleans.Api.Tests.Sessions;

/// <summary>A minimal Server-Sent Events reader for the tests.</summary>
public sealed class ServerSentEvents(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream);

    public sealed record Event(string? Id, string Name, string Data)
    {
        public JsonElement Json => JsonDocument.Parse(Data).RootElement;
    }

    /// <summary>The next event, skipping comments; null at the end of the stream.</summary>
    public async Task<Event?> NextAsync()
    {
        string? id = null;
        var name = "message";
        var data = new List<string>();
        while (await _reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    return new Event(id, name, string.Join('\n', data));
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data.Add(value); break;
            }
        }

        return null;
    }

    public void Dispose() => _reader.Dispose();
}
