using System.Text;
using k8s;
using k8s.Models;

namespace OpenFero.DaemonSet.Simulation.Controllers;

/// <summary>
/// The revision hash of a pod template, as Kubernetes' <c>ComputeHash</c> makes it: FNV-32a over the template,
/// its decimal digits spelled in the alphabet that avoids vowels and look-alikes.
/// </summary>
public static class TemplateHash
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Of(V1PodTemplateSpec template)
    {
        var bytes = Encoding.UTF8.GetBytes(KubernetesJson.Serialize(template));
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        var digits = hash.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Concat(digits.Select(d => Alphabet[d % Alphabet.Length]));
    }
}
