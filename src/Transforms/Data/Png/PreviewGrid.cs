namespace QGan.MLNet.Transforms.Data.Png;

/// <summary>
/// An RGB preview of a split for humans: one row per class (barren land, trees, grassland, none from top to bottom),
/// the first patches of that class left to right, each drawn at 2x with a 2-px gap. NIR is not shown.
/// </summary>
public static class PreviewGrid
{
    /// <summary>Patches shown per class.</summary>
    public const int PatchesPerRow = 16;
    /// <summary>Pixels per image pixel.</summary>
    public const int Zoom = 2;
    /// <summary>Pixels between patches.</summary>
    public const int Gap = 2;

    /// <summary>PNG bytes of the preview.</summary>
    public static byte[] Render(Sat4Split split)
    {
        ArgumentNullException.ThrowIfNull(split);
        const int cell = Sat4Schema.Width * Zoom + Gap;
        const int width = PatchesPerRow * cell + Gap;
        const int height = Sat4Schema.ClassCount * cell + Gap;
        var rgba = new byte[width * height * 4];
        for (var p = 0; p < rgba.Length; p += 4)
        {
            rgba[p] = rgba[p + 1] = rgba[p + 2] = 32;
            rgba[p + 3] = 255;
        }
        var placed = new int[Sat4Schema.ClassCount];
        for (var i = 0; i < split.Count; i++)
        {
            var label = split.Labels[i];
            if (placed[label] == PatchesPerRow)
            {
                continue;
            }
            var x0 = Gap + placed[label]++ * cell;
            var y0 = Gap + label * cell;
            var patch = split.GetPatch(i);
            for (var row = 0; row < Sat4Schema.Height * Zoom; row++)
            {
                for (var col = 0; col < Sat4Schema.Width * Zoom; col++)
                {
                    var src = (row / Zoom) * Sat4Schema.Width + col / Zoom;
                    var dst = ((y0 + row) * width + x0 + col) * 4;
                    rgba[dst] = patch[src];
                    rgba[dst + 1] = patch[Sat4Schema.PlaneSize + src];
                    rgba[dst + 2] = patch[2 * Sat4Schema.PlaneSize + src];
                }
            }
            if (placed.All(n => n == PatchesPerRow))
            {
                break;
            }
        }
        return PngPatchCodec.EncodeRgba(rgba, width, height, opaque: true);
    }
}
