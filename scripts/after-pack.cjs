// electron-builder afterPack hook (electron-builder.yml): flips Electron's fuses in the packaged
// executable. Fuses are bits compiled into the binary, so they hold even if someone edits the
// app's files or environment. It runs after packing and before signing, so the signature covers
// the flipped binary.
//
// What each one closes:
//   RunAsNode false                         ELECTRON_RUN_AS_NODE=1 would turn the signed app into a plain Node
//   EnableNodeCliInspectArguments false     --inspect would attach a debugger to the main process
//   EnableNodeOptionsEnvironmentVariable    NODE_OPTIONS (--require evil.js) would inject code
//     false
//   EnableCookieEncryption true             cookies on disk encrypted with the OS keychain
//   OnlyLoadAppFromAsar true                no loose app/ folder next to app.asar is ever loaded
//   EnableEmbeddedAsarIntegrityValidation   app.asar must match the hash embedded at build time
//     true (macOS and Windows only: Electron does not implement it on Linux)
//   GrantFileProtocolExtraPrivileges false  the page loads from app://, file:// gets no extra powers

/** @param {string} platform electron-builder's electronPlatformName: darwin, mas, win32, linux */
async function fuseConfig(platform) {
  // @electron/fuses is ESM-only: import() works from CommonJS.
  const { FuseVersion, FuseV1Options } = await import('@electron/fuses');
  const apple = platform === 'darwin' || platform === 'mas';
  /** @type {Record<string, unknown>} */
  const config = {
    version: FuseVersion.V1,
    // Flipping bits breaks the ad-hoc signature arm64 Macs require; signing afterwards replaces it.
    resetAdHocDarwinSignature: apple,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
  if (apple || platform === 'win32') config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation] = true;
  return config;
}

/** @param {import('app-builder-lib').AfterPackContext} context */
async function afterPack(context) {
  const config = await fuseConfig(context.electronPlatformName);
  // electron-builder knows the executable's name on every platform (productFilename, the Linux
  // executableName, the .app bundle) and uses its own @electron/fuses to flip them.
  if (typeof context.packager.addElectronFuses === 'function') {
    await context.packager.addElectronFuses(context, config);
    return;
  }
  const path = require('node:path');
  const { flipFuses } = await import('@electron/fuses');
  const name = context.packager.appInfo.productFilename;
  const exe = {
    darwin: `${name}.app`,
    mas: `${name}.app`,
    win32: `${name}.exe`,
    linux: context.packager.executableName ?? name,
  }[context.electronPlatformName];
  await flipFuses(path.join(context.appOutDir, exe), config);
}

module.exports = { default: afterPack, afterPack, fuseConfig };
