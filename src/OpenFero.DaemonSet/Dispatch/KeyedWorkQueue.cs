using System.Threading.Channels;

namespace OpenFero.DaemonSet.Dispatch;

/// <summary>
/// Keys to work on, each at most once in the queue and by one worker at a time: adding a queued key does nothing,
/// adding a key being worked on has it queued again when that work is done. Nothing is dropped; the queue holds at
/// most one entry per distinct key (here the Jobs in the cache).
/// </summary>
public sealed class KeyedWorkQueue
{
    private readonly Lock gate = new();
    private readonly Channel<string> ready = Channel.CreateUnbounded<string>();
    private readonly HashSet<string> queued = new(StringComparer.Ordinal);
    private readonly HashSet<string> active = new(StringComparer.Ordinal);
    private readonly HashSet<string> again = new(StringComparer.Ordinal);

    /// <summary>Keys waiting for a worker.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return queued.Count;
            }
        }
    }

    public void Add(string key)
    {
        lock (gate)
        {
            if (active.Contains(key))
            {
                again.Add(key);
            }
            else if (queued.Add(key))
            {
                ready.Writer.TryWrite(key);
            }
        }
    }

    /// <summary>The next key; the caller owns it until <see cref="Done"/>.</summary>
    public async Task<string> TakeAsync(CancellationToken cancellationToken)
    {
        var key = await ready.Reader.ReadAsync(cancellationToken);
        lock (gate)
        {
            queued.Remove(key);
            active.Add(key);
        }

        return key;
    }

    /// <summary>Work on <paramref name="key"/> ended; if it was added meanwhile, it is queued again.</summary>
    public void Done(string key)
    {
        lock (gate)
        {
            active.Remove(key);
            if (again.Remove(key) && queued.Add(key))
            {
                ready.Writer.TryWrite(key);
            }
        }
    }
}
