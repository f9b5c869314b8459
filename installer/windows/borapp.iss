; Inno Setup script for BOR Desk on Windows: a per-user install (no administrator rights) into
; %LOCALAPPDATA%\Programs\BOR Desk, a Start menu entry, and .bordb files opening in BOR Desk.
; Uninstalling removes the program only: the coordinator's vaults in %LOCALAPPDATA%\BOR Desk stay.
; Build the bundle first (python installer/build.py), then: iscc installer\windows\borapp.iss
; (or python installer/build.py --installer). The version comes from /DAppVersion=..., set by build.py.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F0B7E3C-2C1D-4C57-9E54-6B4B0D5C7A21}
AppName=BOR Desk
AppVersion={#AppVersion}
AppPublisher=BOR Desk
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
DefaultDirName={localappdata}\Programs\BOR Desk
DefaultGroupName=BOR Desk
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=BOR-Desk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\borapp.ico
UninstallDisplayIcon={app}\borapp.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\borapp\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\BOR Desk"; Filename: "{app}\borapp.exe"; Parameters: "gui"
Name: "{userdesktop}\BOR Desk"; Filename: "{app}\borapp.exe"; Parameters: "gui"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Registry]
; .bordb opens in BOR Desk, for this user only (HKCU\Software\Classes)
Root: HKCU; Subkey: "Software\Classes\.bordb"; ValueType: string; ValueName: ""; ValueData: "BORDesk.Vault"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\BORDesk.Vault"; ValueType: string; ValueName: ""; ValueData: "BOR Desk vault"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\BORDesk.Vault\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\borapp.exe,0"
Root: HKCU; Subkey: "Software\Classes\BORDesk.Vault\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\borapp.exe"" gui --vault ""%1"""

[Run]
Filename: "{app}\borapp.exe"; Parameters: "gui"; Description: "{cm:LaunchProgram,BOR Desk}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for {localappdata}\BOR Desk: the vaults, their key files and backups are the user's.
