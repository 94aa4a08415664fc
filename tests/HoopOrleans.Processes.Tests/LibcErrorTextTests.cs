using System.Runtime.InteropServices;
using System.Text;

namespace HoopOrleans.Processes.Tests;

/// <summary><see cref="Libc.ErrorText"/>: the system's words for an error number, whole, on any thread.</summary>
public sealed class LibcErrorTextTests
{
    private const int Threads = 4;
    private const int Iterations = 20_000;

    [Fact]
    public void Each_number_reads_as_the_runtime_words_it_long_texts_and_unknown_numbers_included()
    {
        // The runtime's own message comes from the same C library through another route (its
        // native shim's strerror_r), so the two must agree word for word.
        int[] numbers = [.. Enumerable.Range(0, 134), 4242, 65535];

        var texts = numbers.Select(Libc.ErrorText).ToList();

        Assert.Equal(numbers.Select(Marshal.GetPInvokeErrorMessage), texts);
        Assert.Equal("Unknown error 4242", Libc.ErrorText(4242));
        // Texts longer than the first buffer ErrorText tries, so its growth path is the one read here.
        Assert.Contains(texts, text => Encoding.UTF8.GetByteCount(text) >= 32);
    }

    [Fact]
    public void Threads_formatting_different_numbers_at_once_each_always_get_their_own_text()
    {
        // Each thread has numbers of its own: a known one, a long one, and one the library does not
        // know (whose text a non-reentrant strerror builds in shared storage).
        var numbers = Enumerable.Range(0, Threads).Select(thread => new[] { 1 + thread, 100 + thread, 5000 + thread }).ToArray();
        var expected = numbers.Select(mine => mine.Select(Libc.ErrorText).ToArray()).ToArray();
        Assert.Equal(Threads * 3, expected.SelectMany(texts => texts).Distinct().Count());

        using var start = new Barrier(Threads);
        var wrong = new string?[Threads];
        var workers = Enumerable.Range(0, Threads).Select(thread => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < Iterations && wrong[thread] is null; i++)
            {
                for (var k = 0; k < numbers[thread].Length; k++)
                {
                    var text = Libc.ErrorText(numbers[thread][k]);
                    if (text != expected[thread][k])
                    {
                        wrong[thread] = $"thread {thread}, iteration {i}: errno {numbers[thread][k]} read \"{text}\", not \"{expected[thread][k]}\"";
                        break;
                    }
                }
            }
        })).ToList();

        workers.ForEach(worker => worker.Start());
        workers.ForEach(worker => worker.Join());

        Assert.True(wrong.All(text => text is null), string.Join('\n', wrong.OfType<string>()));
    }
}
