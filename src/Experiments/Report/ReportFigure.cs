namespace QGan.MLNet.Experiments.Report;

/// <summary>A PNG figure of the report: its file name (relative to index.html), caption and bytes.</summary>
internal sealed record ReportFigure(string FileName, string Caption, byte[] Png);
