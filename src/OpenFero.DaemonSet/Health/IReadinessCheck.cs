namespace OpenFero.DaemonSet.Health;

/// <summary>Something the server needs before it can answer alerts correctly; <c>/readyz</c> waits for all of them.</summary>
public interface IReadinessCheck
{
    string Name { get; }

    bool IsReady { get; }
}
