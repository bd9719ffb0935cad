using k8s.Models;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Tests.Kubernetes;

/// <summary>A list read page by page, each page asked for with the previous page's continue token.</summary>
public sealed class KubernetesPagingTests
{
    [Fact]
    public async Task Every_page_is_read_in_order_until_no_continue_token_is_left()
    {
        var pages = new Dictionary<string, (string[] Pods, string? Next)>
        {
            [""] = (["a", "b"], "t1"),
            ["t1"] = (["c", "d"], "t2"),
            ["t2"] = (["e"], ""),
        };
        var asked = new List<string?>();

        var pods = await KubernetesPaging.ItemsAsync(
                next =>
                {
                    asked.Add(next);
                    var (names, token) = pages[next ?? ""];
                    return Task.FromResult(new V1PodList { Items = [.. names.Select(n => new V1Pod { Metadata = new V1ObjectMeta { Name = n } })], Metadata = new V1ListMeta { ContinueProperty = token } });
                },
                l => l.Items)
            .Select(p => p.Metadata.Name).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["a", "b", "c", "d", "e"], pods);
        Assert.Equal([null, "t1", "t2"], asked);
    }

    [Fact]
    public async Task A_list_without_list_metadata_is_one_page()
    {
        var reads = 0;

        var pods = await KubernetesPaging.ItemsAsync(
                _ =>
                {
                    reads++;
                    return Task.FromResult(new V1PodList { Items = [new V1Pod()] });
                },
                l => l.Items)
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal((1, 1), (pods.Count, reads));
    }
}
