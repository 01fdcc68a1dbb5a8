using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;

namespace MLNetDiff.Testing.Contract;

/// <summary>
/// Makes corrupted copies of a saved model (a zip whose entries are ML.NET model streams: a 256-byte header holding
/// the payload's offset at byte 16 and its length at byte 24, then the payload, the string table and the loader
/// assembly name in UTF-16).
/// </summary>
public static class ModelFiles
{
    private const int HeaderSize = 256;

    /// <summary>Writes the first half of <paramref name="source"/> to <paramref name="target"/>.</summary>
    public static void Truncate(string source, string target)
    {
        byte[] bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(target, bytes[..(bytes.Length / 2)]);
    }

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="target"/>, overwriting with 0xFF the payload bytes of every
    /// entry written by one of our assemblies (its header names a loader assembly starting with "MLNetDiff"):
    /// the last <paramref name="tailBytes"/> bytes of the payload, or all of it when <paramref name="tailBytes"/> is 0.
    /// Returns the names of the entries changed.
    /// </summary>
    public static IReadOnlyList<string> CorruptOwnPayloads(string source, string target, int tailBytes)
    {
        File.Copy(source, target, overwrite: true);
        byte[] marker = Encoding.Unicode.GetBytes("MLNetDiff");
        var changed = new List<string>();
        using ZipArchive zip = ZipFile.Open(target, ZipArchiveMode.Update);
        foreach (ZipArchiveEntry entry in zip.Entries.ToArray())
        {
            byte[] bytes;
            using (Stream stream = entry.Open())
            using (var memory = new MemoryStream())
            {
                stream.CopyTo(memory);
                bytes = memory.ToArray();
            }
            if (bytes.Length < HeaderSize || bytes.AsSpan().IndexOf(marker) < 0)
                continue;
            long start = BitConverter.ToInt64(bytes, 16), length = BitConverter.ToInt64(bytes, 24);
            if (start != HeaderSize || length <= 0 || start + length > bytes.Length)
                throw new InvalidDataException($"unexpected header in {entry.FullName}: payload at {start}, {length} bytes");
            long from = tailBytes == 0 ? start : Math.Max(start, start + length - tailBytes);
            bytes.AsSpan((int)from, (int)(start + length - from)).Fill(0xFF);
            string name = entry.FullName;
            entry.Delete();
            using (Stream stream = zip.CreateEntry(name).Open())
                stream.Write(bytes);
            changed.Add(name);
        }
        return changed;
    }
}
