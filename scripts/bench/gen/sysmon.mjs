// Seeded generator of Windows Sysmon XML events (one <Event> per line, as Splunk's XmlWinEventLog
// exports and attack_data files have them): a mix of EventID 1 (process create), 3 (network
// connection), 11 (file create) and 13 (registry value set) from a fleet of hosts and users.
// A few RegSvcs.exe connections (to public and private addresses) and encoded PowerShell command
// lines are sprinkled in so the benchmark's detections find something.
import { createRng } from './rng.mjs';

const PROVIDER = "<Provider Name='Microsoft-Windows-Sysmon' Guid='{5770385F-C22A-43E0-BF4C-06F5698FFBD9}'/>";
const DOMAINS = ['CORP', 'NT AUTHORITY', 'CORP', 'CORP'];
const PEOPLE = ['jdoe', 'asmith', 'mlopez', 'kchen', 'svc_backup', 'svc_build', 'rpatel', 'tnguyen', 'lmartin', 'Administrator'];
const SITES = ['finance', 'hr', 'eng', 'ops', 'sales', 'dc', 'build'];

const PROCS = [
  { image: 'C:\\Windows\\System32\\svchost.exe', cmd: () => 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', orig: 'svchost.exe', desc: 'Host Process for Windows Services' },
  { image: 'C:\\Windows\\System32\\cmd.exe', cmd: (r) => `"C:\\Windows\\system32\\cmd.exe" /c ${r.pick(['whoami /all', 'ipconfig /all', 'dir C:\\Users', 'net user /domain', 'echo %PATH% &amp; set'])}`, orig: 'Cmd.Exe', desc: 'Windows Command Processor' },
  { image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', cmd: (r) => r.next() < 0.08 ? `"powershell.exe" -NoProfile -${r.pick(['enc', 'EncodedCommand', 'ec', 'e'])} ${r.hex(12)}AGUAdwAtAE8AYgBqAGUAYwB0ACAATgBlAHQALgBXAGUAYgBDAGwAaQBlAG4AdAA=` : `"powershell.exe" -NoProfile -ExecutionPolicy Bypass -File C:\\Scripts\\${r.pick(['inventory', 'cleanup', 'patch'])}.ps1`, orig: 'PowerShell.EXE', desc: 'Windows PowerShell' },
  { image: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', cmd: (r) => `"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=renderer --field-trial-handle=${r.int(1000, 9999)}`, orig: 'chrome.exe', desc: 'Google Chrome' },
  { image: 'C:\\Windows\\explorer.exe', cmd: () => 'C:\\Windows\\Explorer.EXE', orig: 'EXPLORER.EXE', desc: 'Windows Explorer' },
  { image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', cmd: () => '"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE"', orig: 'Outlook.exe', desc: 'Microsoft Outlook' },
  { image: 'C:\\Windows\\System32\\rundll32.exe', cmd: (r) => `rundll32.exe C:\\Windows\\System32\\shell32.dll,Control_RunDLL ${r.pick(['desk.cpl', 'main.cpl'])}`, orig: 'RUNDLL32.EXE', desc: 'Windows host process (Rundll32)' },
  { image: 'C:\\Windows\\System32\\msiexec.exe', cmd: () => 'C:\\Windows\\system32\\msiexec.exe /V', orig: 'msiexec.exe', desc: 'Windows installer' },
];
const REGSVCS = 'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\RegSvcs.exe';
const PARENTS = ['C:\\Windows\\explorer.exe', 'C:\\Windows\\System32\\services.exe', 'C:\\Windows\\System32\\cmd.exe', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'C:\\Windows\\System32\\svchost.exe'];
const REG_KEYS = [
  'HKLM\\System\\CurrentControlSet\\Services\\W32Time\\SecureTimeLimits\\SecureTimeHigh',
  'HKU\\S-1-5-21-1004336348-1177238915-682003330-1001\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Updater',
  'HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Features\\TamperProtection',
  'HKLM\\System\\CurrentControlSet\\Services\\bam\\State\\UserSettings\\S-1-5-18\\Device\\HarddiskVolume2\\Windows\\System32\\svchost.exe',
];
const FILE_DIRS = ['C:\\Users\\{u}\\AppData\\Local\\Temp\\', 'C:\\Users\\{u}\\Downloads\\', 'C:\\Windows\\Prefetch\\', 'C:\\ProgramData\\Microsoft\\Windows Defender\\Scans\\'];
const FILE_EXT = ['.tmp', '.pf', '.log', '.dll', '.zip', '.docx', '.ps1'];
const PUBLIC_NETS = ['203.0.113.', '198.51.100.', '192.0.2.', '104.16.', '151.101.', '13.107.'];
const PRIVATE_NETS = ['10.20.', '10.30.', '172.16.5.', '192.168.1.'];
const PORTS = [[6, 443], [2, 80], [1, 53], [1, 445], [1, 8443], [1, 8080], [1, 3389]];
const PORT_NAMES = { 443: 'https', 80: 'http', 53: 'domain', 445: 'microsoft-ds', 3389: 'ms-wbt-server' };

const pad = (n, w = 2) => String(n).padStart(w, '0');

export function createSysmonGenerator(seed = 1) {
  const r = createRng(seed);
  const hosts = Array.from({ length: 400 }, (_, i) => `wks-${SITES[i % SITES.length]}-${pad(i, 3)}.corp.example`);
  let t = Date.UTC(2024, 3, 30, 8, 0, 0);
  let record = 100000;
  const ip = (nets) => {
    const n = r.pick(nets);
    return n + Array.from({ length: 4 - n.split('.').length + 1 }, () => r.int(1, 254)).join('.');
  };
  return function next() {
    t += r.int(1, 40);
    const d = new Date(t);
    const iso = d.toISOString();
    const sysTime = `${iso.slice(0, 19)}.${pad(d.getUTCMilliseconds(), 3)}${r.int(0, 999999).toString().padStart(6, '0')}Z`;
    const utc = `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
    const id = r.weighted([[30, 1], [35, 3], [20, 11], [15, 13]]);
    const host = r.pick(hosts);
    const person = r.pick(PEOPLE);
    const user = `${r.pick(DOMAINS)}\\${person}`;
    const proc = r.pick(PROCS);
    const pid = r.int(400, 20000);
    const system =
      `<System>${PROVIDER}<EventID>${id}</EventID><Version>5</Version><Level>4</Level><Task>${id}</Task><Opcode>0</Opcode>` +
      `<Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime='${sysTime}'/><EventRecordID>${record++}</EventRecordID>` +
      `<Correlation/><Execution ProcessID='${r.int(2000, 4000)}' ThreadID='${r.int(2000, 9000)}'/>` +
      `<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>${host}</Computer><Security UserID='S-1-5-18'/></System>`;
    const data = (name, value) => `<Data Name='${name}'>${value}</Data>`;
    let body = data('RuleName', r.next() < 0.8 ? '-' : 'technique_id=T1059,technique_name=Command and Scripting Interpreter');
    if (id === 1) {
      body +=
        data('UtcTime', utc) + data('ProcessGuid', r.guid()) + data('ProcessId', pid) + data('Image', proc.image) +
        data('FileVersion', '10.0.19041.1 (WinBuild.160101.0800)') + data('Description', proc.desc) +
        data('Product', 'Microsoft® Windows® Operating System') + data('Company', 'Microsoft Corporation') +
        data('OriginalFileName', proc.orig) + data('CommandLine', proc.cmd(r)) + data('CurrentDirectory', `C:\\Users\\${person}\\`) +
        data('User', user) + data('LogonGuid', r.guid()) + data('LogonId', `0x${r.hex(6).toLowerCase()}`) +
        data('TerminalSessionId', r.int(0, 2)) + data('IntegrityLevel', r.pick(['Medium', 'High', 'System'])) +
        data('Hashes', `MD5=${r.hex(32)},SHA256=${r.hex(64)},IMPHASH=${r.hex(32)}`) +
        data('ParentProcessGuid', r.guid()) + data('ParentProcessId', r.int(400, 20000)) + data('ParentImage', r.pick(PARENTS)) +
        data('ParentCommandLine', 'C:\\Windows\\Explorer.EXE');
    } else if (id === 3) {
      const regsvcs = r.next() < 0.002;
      const image = regsvcs ? REGSVCS : proc.image;
      const dport = r.weighted(PORTS);
      const pub = r.next() < 0.6;
      const dip = pub ? ip(PUBLIC_NETS) : ip(PRIVATE_NETS);
      body +=
        data('UtcTime', utc) + data('ProcessGuid', r.guid()) + data('ProcessId', pid) + data('Image', image) + data('User', user) +
        data('Protocol', dport === 53 ? 'udp' : 'tcp') + data('Initiated', 'true') + data('SourceIsIpv6', 'false') +
        data('SourceIp', ip(PRIVATE_NETS)) + data('SourceHostname', host) + data('SourcePort', r.int(49152, 65535)) +
        data('SourcePortName', '-') + data('DestinationIsIpv6', 'false') + data('DestinationIp', dip) +
        data('DestinationHostname', pub ? r.pick(['update-cdn.example.net', 'files.example.org', 'login.example.com', 'cdn.example.net']) : r.pick(['fs01.corp.example', 'dc01.corp.example', '-'])) +
        data('DestinationPort', dport) + data('DestinationPortName', PORT_NAMES[dport] ?? '-');
    } else if (id === 11) {
      const name = `${r.pick(['report', 'setup', 'cache', 'data', 'invoice'])}_${r.hex(6).toLowerCase()}${r.pick(FILE_EXT)}`;
      body +=
        data('UtcTime', utc) + data('ProcessGuid', r.guid()) + data('ProcessId', pid) + data('Image', proc.image) +
        data('TargetFilename', r.pick(FILE_DIRS).replace('{u}', person) + name) + data('CreationUtcTime', utc) + data('User', user);
    } else {
      body +=
        data('EventType', 'SetValue') + data('UtcTime', utc) + data('ProcessGuid', r.guid()) + data('ProcessId', pid) +
        data('Image', proc.image) + data('TargetObject', r.pick(REG_KEYS)) +
        data('Details', r.pick([`DWORD (0x0000000${r.int(0, 9)})`, `QWORD (0x01d776fd-0x${r.hex(8).toLowerCase()})`, `C:\\Users\\${person}\\AppData\\Roaming\\updater.exe`])) +
        data('User', user);
    }
    return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>${system}<EventData>${body}</EventData></Event>`;
  };
}
