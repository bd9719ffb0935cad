using System.Diagnostics;
using OpenFero.DaemonSet.History;
using OpenFero.DaemonSet.Web;

namespace OpenFero.DaemonSet.Benchmarks;

/// <summary>
/// The web page's remediation feed (<see cref="RemediationFeed"/>): the cost of noting a changed record with 0, 10
/// and 100 readers waiting, as the Note call and until every reader has read the change, on a feed of 1,000 and of
/// 10,000 records, and noted a millisecond apart while the readers read; and the managed memory the feed holds for
/// 10,000 records. The baselines, in the same run: the same records put in a Dictionary under a lock, and the same
/// readers woken by a signal that carries nothing.
/// </summary>
internal static class WebFeedBenchmark
{
    private const int Runs = 5;
    private const int Changes = 200;
    private const int HeldRecords = 10_000;

    public static async Task RunAsync()
    {
        Console.WriteLine("## Web feed (RemediationFeed)");

        // One pass, not reported, so that the first size is not measured while the tiered JIT still compiles.
        DictionaryInsert(1_000);
        SinceOneChange(1_000);
        await NoteAsync(1_000, 10);
        await SignalAsync(10);
        foreach (var size in new[] { 1_000, 10_000 })
        {
            var baseline = DictionaryInsert(size);
            Console.WriteLine($"feed of {size:N0} records, {Changes} changed records noted one after the other, means per change, median of {Runs} runs; baseline, Dictionary insert under a lock: {PerCall.Ns(baseline)}");
            Console.WriteLine($"  Since(after) for one change, on one thread (what each reader does per change): {Us(SinceOneChange(size))}");
            foreach (var readers in new[] { 0, 10, 100 })
            {
                var (note, allRead) = await NoteAsync(size, readers);
                var (_, woken) = await SignalAsync(readers);
                var (pacedMean, pacedSlowest) = await PacedAsync(size, readers);
                Console.WriteLine($"  {readers,3} readers waiting: Note {PerCall.Ns(note)} ({note / baseline:0.0}x the baseline); change to every reader having read it {Us(allRead)} " +
                    $"(the same readers woken by a bare signal, the floor: {Us(woken)}; {allRead / woken:0.0}x); " +
                    $"{Changes} changes noted a millisecond apart while the readers read: Note mean {Us(pacedMean)}, slowest {Us(pacedSlowest)}");
            }
        }

        var feedHeld = Held(() => Filled(SampleRecords.Create(HeldRecords)));
        var dictionaryHeld = Held(() =>
        {
            var records = new Dictionary<string, (long Sequence, RemediationRecord Record)>(StringComparer.Ordinal);
            var sequence = 0L;
            foreach (var record in SampleRecords.Create(HeldRecords))
            {
                records[record.Job] = (++sequence, record);
            }

            return records;
        });
        Console.WriteLine($"managed memory held for {HeldRecords:N0} records (the records included): feed {Measure.MiB(feedHeld)}, Dictionary (baseline) {Measure.MiB(dictionaryHeld)}; ratio {(double)feedHeld / dictionaryHeld:0.00}x");
    }

    /// <summary>Medians over runs of the mean Note call and the mean time from the Note to every reader having read the change, in ns.</summary>
    private static async Task<(double Note, double AllRead)> NoteAsync(int size, int readerCount)
    {
        var records = SampleRecords.Create(size).ToArray();
        var feed = Filled(records);
        var changed = Enumerable.Range(0, (Runs + 1) * Changes).Select(i => SampleRecords.Changed(records[i % size], i)).ToArray();
        await using var readers = new FeedReaders(feed, readerCount, feed.Since(0).Changes[^1].Sequence);
        return await ChangesAsync(i => feed.Note(changed[i]), readers.Expect);
    }

    /// <summary>
    /// <see cref="Changes"/> changes noted about a millisecond apart (a busy Job watch), whether or not the readers have
    /// read the one before: a Note waits for any reader's <c>Since</c>, which holds the feed's lock while it walks back
    /// over the changes after its number. Medians over runs of the mean Note call and of the slowest, in ns.
    /// </summary>
    private static async Task<(double Mean, double Slowest)> PacedAsync(int size, int readerCount)
    {
        var records = SampleRecords.Create(size).ToArray();
        var feed = Filled(records);
        var changed = Enumerable.Range(0, (Runs + 1) * Changes).Select(i => SampleRecords.Changed(records[i % size], i)).ToArray();
        await using var readers = new FeedReaders(feed, readerCount, feed.Since(0).Changes[^1].Sequence);
        await Task.Delay(200);
        var means = new List<double>();
        var slowest = new List<double>();
        for (var run = 0; run <= Runs; run++)
        {
            long total = 0;
            long longest = 0;
            for (var i = 0; i < Changes; i++)
            {
                var before = Stopwatch.GetTimestamp();
                feed.Note(changed[(run * Changes) + i]);
                var took = Stopwatch.GetTimestamp() - before;
                total += took;
                longest = Math.Max(longest, took);
                await Task.Delay(1);
            }

            await readers.CaughtUpAsync(feed.Since(0).Changes[^1].Sequence);
            if (run > 0)
            {
                means.Add(Stopwatch.GetElapsedTime(0, total).TotalNanoseconds / Changes);
                slowest.Add(Stopwatch.GetElapsedTime(0, longest).TotalNanoseconds);
            }
        }

        means.Sort();
        slowest.Sort();
        return (means[Runs / 2], slowest[Runs / 2]);
    }

    /// <summary>The floor of <see cref="NoteAsync"/>: the same number of readers, woken by a signal that carries nothing.</summary>
    private static async Task<(double Signal, double AllSeen)> SignalAsync(int readerCount)
    {
        await using var readers = new SignalReaders(readerCount);
        return await ChangesAsync(_ => readers.Signal(), readers.Expect);
    }

    /// <summary>
    /// A warm-up run and <see cref="Runs"/> runs of <see cref="Changes"/> changes, one after the other, each made once
    /// every reader has read the one before; medians of the runs' mean change call and mean change-to-all-read, in ns.
    /// </summary>
    private static async Task<(double Change, double AllRead)> ChangesAsync(Action<int> change, Func<Task> expect)
    {
        await Task.Delay(200);
        var calls = new List<double>();
        var allReads = new List<double>();
        for (var run = 0; run <= Runs; run++)
        {
            long changing = 0;
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < Changes; i++)
            {
                var read = expect();
                var before = Stopwatch.GetTimestamp();
                change((run * Changes) + i);
                changing += Stopwatch.GetTimestamp() - before;
                await read;
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            if (run > 0)
            {
                calls.Add(Stopwatch.GetElapsedTime(0, changing).TotalNanoseconds / Changes);
                allReads.Add(elapsed.TotalNanoseconds / Changes);
            }
        }

        calls.Sort();
        allReads.Sort();
        return (calls[Runs / 2], allReads[Runs / 2]);
    }

    /// <summary>What one reader pays per change: <c>Since</c> of the number before the last, on a feed of <paramref name="size"/> records, in ns.</summary>
    private static double SinceOneChange(int size)
    {
        var feed = Filled(SampleRecords.Create(size));
        var beforeLast = feed.Since(0).Changes[^1].Sequence - 1;
        var (nanoseconds, _) = PerCall.Median(Runs, 1000, () => feed.Since(beforeLast));
        return nanoseconds;
    }

    private static RemediationFeed Filled(IEnumerable<RemediationRecord> records)
    {
        var feed = new RemediationFeed();
        foreach (var record in records)
        {
            feed.Note(record);
        }

        return feed;
    }

    private static string Us(double nanoseconds) => $"{nanoseconds / 1000:0.0} µs";

    /// <summary>The baseline: the mean time of a Dictionary insert under a lock, for the same changed records as a run of <see cref="NoteAsync"/>, in ns.</summary>
    private static double DictionaryInsert(int size)
    {
        var gate = new Lock();
        var dictionary = SampleRecords.Create(size).Select((r, i) => (r, i)).ToDictionary(p => p.r.Job, p => ((long)p.i + 1, p.r), StringComparer.Ordinal);
        var records = dictionary.Values.Select(v => v.r).ToArray();
        var changed = Enumerable.Range(0, Changes).Select(i => SampleRecords.Changed(records[i % size], i)).ToArray();
        var sequence = (long)size;
        var next = 0;
        var (nanoseconds, _) = PerCall.Median(Runs, Changes, () =>
        {
            var record = changed[next++ % Changes];
            lock (gate)
            {
                dictionary[record.Job] = (++sequence, record);
            }
        });
        return nanoseconds;
    }

    /// <summary>The growth of the managed heap, after full collections, while what <paramref name="make"/> makes is held.</summary>
    private static long Held(Func<object> make)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var held = make();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(held);
        return after - before;
    }
}
