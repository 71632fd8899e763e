using System.Security.Cryptography;
using System.Text.RegularExpressions;
using QGan.MLNet.Tests.Shared;

namespace QGan.MLNet.Transforms.Tests;

/// <summary>
/// The in-repository fixtures (<c>tests/fixtures</c>) are the independent references, unchanged: every file matches
/// the SHA-256 list of their README, and, where the originals exist beside the repository, the originals byte for byte.
/// </summary>
public sealed partial class FixtureCopiesTests
{
    [Fact]
    public void Every_fixture_file_matches_the_checksum_list_of_its_readme()
    {
        var listed = ChecksumList();
        var present = FixtureFiles(Fixtures.RepoCopy);

        Assert.True(listed.Count >= 22, $"the README lists only {listed.Count} files");
        Assert.Equal(listed.Keys.Order(StringComparer.Ordinal), present);
        foreach (var (file, sha) in listed)
        {
            Assert.True(sha == Sha256(Path.Combine(Fixtures.RepoCopy, file)), $"{file} differs from its listed SHA-256");
        }
    }

    [SharedFixturesFact]
    public void The_copies_are_byte_identical_to_the_shared_originals()
    {
        var shared = Fixtures.SharedRoot!;
        var originals = FixtureFiles(shared);

        Assert.Equal(originals, FixtureFiles(Fixtures.RepoCopy));
        foreach (var file in originals)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(shared, file)).AsSpan()
                .SequenceEqual(File.ReadAllBytes(Path.Combine(Fixtures.RepoCopy, file))), $"{file} differs from ../shared/fixtures/{file}");
        }
    }

    [Fact]
    public void Tests_read_the_in_repository_copy_unless_overridden()
    {
        var expected = Environment.GetEnvironmentVariable("QGAN_FIXTURES") is { Length: > 0 } env
            ? Path.GetFullPath(env)
            : Fixtures.RepoCopy;
        Assert.Equal(expected, Fixtures.Root);
    }

    private static Dictionary<string, string> ChecksumList()
    {
        var readme = File.ReadAllText(Path.Combine(Fixtures.RepoCopy, "README.md"));
        return ChecksumRow().Matches(readme).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    private static string[] FixtureFiles(string root) => Directory
        .EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
        .Where(f => f != "README.md")
        .Order(StringComparer.Ordinal)
        .ToArray();

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [GeneratedRegex(@"^\| `([^`]+)` \| `([0-9a-f]{64})` \|$", RegexOptions.Multiline)]
    private static partial Regex ChecksumRow();
}

/// <summary>A fact that needs the original fixtures beside the repository; skipped, with the reason, where they are absent.</summary>
public sealed class SharedFixturesFactAttribute : FactAttribute
{
    public SharedFixturesFactAttribute()
    {
        if (Fixtures.SharedRoot is null)
        {
            Skip = "../shared/fixtures is not beside this clone; the checksum test still checks the in-repository copies";
        }
    }
}
