using System.CommandLine;

namespace OpenFero.DaemonSet.Hosting;

/// <summary>
/// An option that sets one configuration key: <c>--kubeconfig PATH</c> is <c>Kubernetes:Kubeconfig</c>. Other spellings
/// of the same setting (another tool's flag names) are its aliases.
/// </summary>
public sealed class ConfigurationOption : Option<string>
{
    public ConfigurationOption(string name, string key, string helpName, string description, params string[] aliases)
        : base(name, aliases)
    {
        Key = key;
        HelpName = helpName;
        Description = $"{description} ({key})";
    }

    /// <summary>The configuration key the option's value goes to.</summary>
    public string Key { get; }

    /// <summary><c>--urls URL</c>: where the server listens.</summary>
    public static ConfigurationOption Urls() => new("--urls", "urls", "URL", "where the server listens, e.g. http://127.0.0.1:8080");

    /// <summary><c>--kubeconfig PATH</c>: the cluster.</summary>
    public static ConfigurationOption Kubeconfig() =>
        new("--kubeconfig", "Kubernetes:Kubeconfig", "PATH", "the cluster's kubeconfig; otherwise in-cluster, then KUBECONFIG, then ~/.kube/config");
}
