using k8s.Models;

namespace OpenFero.DaemonSet.Kubernetes;

/// <summary>
/// A list read page by page (<c>limit</c> and <c>continue</c>), so no list arrives as one huge response and
/// the API server serves each page from a consistent snapshot.
/// </summary>
public static class KubernetesPaging
{
    public const int PageSize = 500;

    /// <summary>
    /// Every item of the list. <paramref name="page"/> reads one page (with <see cref="PageSize"/> as its limit) from
    /// the continue token it is given (null for the first); <paramref name="items"/> takes a page's items.
    /// </summary>
    public static async IAsyncEnumerable<T> ItemsAsync<TList, T>(Func<string?, Task<TList>> page, Func<TList, IEnumerable<T>> items)
        where TList : IMetadata<V1ListMeta>
    {
        string? next = null;
        do
        {
            var read = await page(next);
            foreach (var item in items(read))
            {
                yield return item;
            }

            next = read.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(next));
    }
}
