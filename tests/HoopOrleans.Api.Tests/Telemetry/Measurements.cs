using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HoopOrleans.Telemetry;

namespace HoopOrleans.Api.Tests.Telemetry;

/// <summary>
/// Every measurement the <c>HoopOrleans</c> meter takes while it lives, read as a scraper would
/// read them but without one. The meter is the process's, shared by every host the tests run in
/// parallel: a test reads only measurements tagged with a connection of its own.
/// </summary>
public sealed class Measurements : IDisposable
{
    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _taken = new();

    public Measurements()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HoopMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Take(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Take(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The values <paramref name="instrument"/> recorded with every tag of <paramref name="tags"/>.</summary>
    public IReadOnlyList<double> Of(string instrument, params (string Key, object Value)[] tags) =>
        [.. _taken.Where(m => m.Instrument == instrument && tags.All(tag => m.Tags.TryGetValue(tag.Key, out var value) && Equals(value, tag.Value))).Select(m => m.Value)];

    /// <summary>What <paramref name="instrument"/> added up to with those tags: a counter's count.</summary>
    public double Sum(string instrument, params (string Key, object Value)[] tags) => Of(instrument, tags).Sum();

    public void Dispose() => _listener.Dispose();

    private void Take(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copied[tag.Key] = tag.Value;
        }

        _taken.Enqueue(new Measurement(instrument.Name, value, copied));
    }
}
