using System.Text;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// A container's log as it grows: the container writes lines, readers take what is there and may wait for
/// more until the container has ended (<c>kubectl logs -f</c>).
/// </summary>
public sealed class PodLog : TextWriter
{
    private readonly Lock gate = new();
    private readonly StringBuilder text = new();
    private readonly List<DateTimeOffset> lineStarts = [];
    private readonly TimeProvider time;
    private TaskCompletionSource grown = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PodLog(TimeProvider time) => this.time = time;

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>True once the container has exited: nothing more will be written.</summary>
    public bool Ended { get; private set; }

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        TaskCompletionSource signal;
        lock (gate)
        {
            foreach (var character in value)
            {
                if (text.Length == 0 || text[^1] == '\n')
                {
                    lineStarts.Add(time.GetUtcNow());
                }

                text.Append(character);
            }

            signal = grown;
            grown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    public void End()
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            Ended = true;
            signal = grown;
        }

        signal.TrySetResult();
    }

    /// <summary>The complete lines written so far, with when each began, and a task that completes on the next write or the end.</summary>
    public (IReadOnlyList<(DateTimeOffset At, string Line)> Lines, bool Ended, Task Grown) Read()
    {
        lock (gate)
        {
            var lines = text.ToString().Split('\n');
            var complete = Ended ? lines.Where((l, i) => i < lines.Length - 1 || l.Length > 0) : lines.Take(lines.Length - 1);
            return ([.. complete.Select((line, i) => (lineStarts[i], line))], Ended, grown.Task);
        }
    }

    public override string ToString()
    {
        lock (gate)
        {
            return text.ToString();
        }
    }
}
