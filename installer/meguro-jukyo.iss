; Inno Setup 6 script: a per-user installer of the frozen app, no admin rights needed.
; Build dist\meguro-jukyo\ first (pyinstaller installer\meguro-jukyo.spec), then
;   ISCC.exe installer\meguro-jukyo.iss      -> dist\meguro-jukyo-<version>-setup.exe
; (README, "Windows installer"). Saved as UTF-8 with a BOM: Inno Setup reads the Japanese
; names right only so.

; the version comes from the executable's version resource, which the spec writes from
; meguro_jukyo/__init__.py: one place to change it
#define AppExe "meguro-jukyo.exe"
#define GuiExe "meguro-jukyo-app.exe"
; the folder the spec builds, found from this script's own folder whatever the current one
#define AppFolder AddBackslash(SourcePath) + "..\dist\meguro-jukyo"
#define AppVersion GetStringFileInfo(AppFolder + "\" + AppExe, "ProductVersion")

[Setup]
; the id ties upgrades and the uninstaller together: never change it
AppId={{53DD653E-E893-47DA-8D89-28921FFD2AD2}
AppName=目黒住区アプリ
AppVersion={#AppVersion}
AppVerName=目黒住区アプリ {#AppVersion}
AppPublisher=meguro_jukyo
VersionInfoVersion={#AppVersion}
VersionInfoProductName=目黒住区アプリ
; per user: installs into %LOCALAPPDATA%\Programs, the Start menu of this user, no UAC prompt
PrivilegesRequired=lowest
DefaultDirName={autopf}\meguro-jukyo
DefaultGroupName=目黒住区アプリ
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=icon\meguro_jukyo.ico
UninstallDisplayIcon={app}\{#GuiExe}
OutputDir=..\dist
OutputBaseFilename=meguro-jukyo-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
; the app's data (%LOCALAPPDATA%\meguro_jukyo: the store, its backups and the device key) is
; not the program's: the uninstaller leaves it, and an upgrade never touches it

[Languages]
; the wizard in Windows' own language when it is one of these, asking only otherwise
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#AppFolder}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an upgrade replaces the bundled libraries whole: none of an older build's files may linger
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\目黒住区アプリ"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Comment: "住区住民会議・町会・自治会の地域課題と会議の記録"
Name: "{autodesktop}\目黒住区アプリ"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,目黒住区アプリ}"; Flags: nowait postinstall skipifsilent
