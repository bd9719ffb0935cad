using System.Net;
using k8s.Autorest;

namespace OpenFero.DaemonSet.Kubernetes;

/// <summary>A read of one object where "it does not exist" is an answer, not a failure: null for a 404.</summary>
public static class ReadOrNull
{
    public static async Task<T?> ReadAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
