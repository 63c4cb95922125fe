; Inno Setup script: a per-user installer (no administrator rights) for the PyInstaller folder dist\zhenggai-ledger.
; Built by .github/workflows/windows.yml:  ISCC /DAppVersion=0.1.0.123 packaging\windows\zhenggai-ledger.iss
#ifndef AppVersion
  #define AppVersion "0.1.0.0"
#endif
#define AppName "巡察整改台账"
#define ExeName "zhenggai-ledger.exe"

[Setup]
AppId={{6B0E4C1A-5D43-4F2B-9A57-3C1E2B7D9F10}
AppName={#AppName}
AppVersion={#AppVersion}
VersionInfoVersion={#AppVersion}
AppPublisher=巡察整改台账
DefaultDirName={autopf}\zhenggai-ledger
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per user: installs under %LOCALAPPDATA%\Programs, registers under HKCU; a secretary's account is enough.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename=zhenggai-ledger-setup-{#AppVersion}
SetupIconFile=..\icons\zhenggai-ledger.ico
UninstallDisplayIcon={app}\{#ExeName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
; Inno Setup ships Simplified Chinese among its unofficial translations; the workflow fetches it beside this file.
#ifexist "ChineseSimplified.isl"
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"
#else
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Files]
Source: "..\..\dist\zhenggai-ledger\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#ExeName}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#ExeName}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "在桌面上创建快捷方式"; Flags: unchecked

[Registry]
; Ledgers and 下发包 are .db files: double-clicking one opens it in the program (main.py treats a lone .db
; argument as --ledger). The program is also offered under "Open with" even if the user chose another default.
Root: HKA; Subkey: "Software\Classes\ZhenggaiLedger.db"; ValueType: string; ValueName: ""; ValueData: "巡察整改台账文件（台账或社区包）"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\ZhenggaiLedger.db\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#ExeName},0"
Root: HKA; Subkey: "Software\Classes\ZhenggaiLedger.db\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#ExeName}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.db"; ValueType: string; ValueName: ""; ValueData: "ZhenggaiLedger.db"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.db\OpenWithProgids"; ValueType: string; ValueName: "ZhenggaiLedger.db"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\{#ExeName}\SupportedTypes"; ValueType: string; ValueName: ".db"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#ExeName}"; Description: "启动{#AppName}"; Flags: nowait postinstall skipifsilent
