using QGan.MLNet.Transforms.IO;

namespace QGan.MLNet.Transforms.Tests.Data;

public sealed class AtomicDirectoryTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Failure_while_building_leaves_the_old_folder_untouched_and_no_temporary_folder()
    {
        var target = _dir.File("set");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "old.txt"), "old");

        Assert.Throws<InvalidDataException>(() => AtomicDirectory.Create(target, overwrite: true, tmp =>
        {
            File.WriteAllText(Path.Combine(tmp, "half.txt"), "half");
            throw new InvalidDataException("source broke half way");
        }));

        Assert.Equal(["old.txt"], Directory.GetFiles(target).Select(Path.GetFileName));
        Assert.Equal([target], Directory.GetDirectories(_dir.Path));
    }

    [Fact]
    public void Replacing_swaps_the_whole_folder()
    {
        var target = _dir.File("set");
        AtomicDirectory.Create(target, overwrite: false, tmp => File.WriteAllText(Path.Combine(tmp, "a.txt"), "a"));

        AtomicDirectory.Create(target, overwrite: true, tmp => File.WriteAllText(Path.Combine(tmp, "b.txt"), "b"));

        Assert.Equal(["b.txt"], Directory.GetFiles(target).Select(Path.GetFileName));
        Assert.Equal([target], Directory.GetDirectories(_dir.Path));
    }

    [Fact]
    public void Empty_existing_folder_is_replaced_without_force_but_a_non_empty_one_is_refused()
    {
        var target = _dir.File("set");
        Directory.CreateDirectory(target);

        AtomicDirectory.Create(target, overwrite: false, tmp => File.WriteAllText(Path.Combine(tmp, "a.txt"), "a"));
        var ex = Assert.Throws<ArgumentException>(() => AtomicDirectory.Create(target, overwrite: false, _ => { }));

        Assert.Contains("--force", ex.Message);
        Assert.True(File.Exists(Path.Combine(target, "a.txt")));
    }
}
