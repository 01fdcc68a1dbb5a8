using System;
using System.IO;
using MLNetDiff.Kernels.Native;

namespace MLNetDiff.Kernels.Tests.Native;

/// <summary>A file named by MLNETDIFF_NATIVE_PATH that cannot be used gives a reason naming the variable and the path.
/// (The process-wide load happens once, so these call the loader's explicit-path step directly; the CLI suite runs the
/// tool in a child process with the variable set to see the warning end to end.)</summary>
[TestClass]
public sealed class NativePathTests
{
    [TestMethod]
    public void MissingFile_IsNamedWithTheVariable()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlnd-no-such-{Guid.NewGuid():N}.so");
        Assert.IsFalse(NativeLibraryLoader.TryLoadExplicit(path, out IntPtr handle, out string failure));
        Assert.AreEqual(IntPtr.Zero, handle);
        Assert.Contains("MLNETDIFF_NATIVE_PATH", failure);
        Assert.Contains(path, failure);
        Assert.Contains("does not exist", failure);
    }

    [TestMethod]
    public void Folder_IsRefusedWithWhatItMustName()
    {
        string folder = Directory.CreateTempSubdirectory("mlnd-native-dir").FullName;
        try
        {
            Assert.IsFalse(NativeLibraryLoader.TryLoadExplicit(folder, out _, out string failure));
            Assert.Contains(folder, failure);
            Assert.Contains("is a folder", failure);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [TestMethod]
    public void FileThatIsNoLibrary_GivesTheLoadersReason()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlnd-not-a-library-{Guid.NewGuid():N}.so");
        File.WriteAllText(path, "not a shared library");
        try
        {
            Assert.IsFalse(NativeLibraryLoader.TryLoadExplicit(path, out IntPtr handle, out string failure));
            Assert.AreEqual(IntPtr.Zero, handle);
            Assert.Contains(path, failure);
            Assert.Contains("could not be loaded", failure);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void TheBuiltLibrary_LoadsFromAnExplicitPath()
    {
        if (KernelBackends.Native is null)
            Assert.Inconclusive($"The native backend is unavailable here: {KernelBackends.NativeUnavailableReason}");
        string library = Path.Combine(AppContext.BaseDirectory, "libmlnetdiff.so");
        if (!File.Exists(library))
            Assert.Inconclusive($"The native library was loaded from somewhere else than {library}");
        Assert.IsTrue(NativeLibraryLoader.TryLoadExplicit(library, out IntPtr handle, out string failure), failure);
        Assert.AreNotEqual(IntPtr.Zero, handle);
        Assert.AreEqual(string.Empty, failure);
    }
}
