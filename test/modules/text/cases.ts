// Cases for lineinfile, blockinfile and replace, each run by Ansible and by ferry on the same file.
// `initial` undefined: the file does not exist before the task.

/** One case: the file before, and the task's module and arguments (path is added). */
export interface TextCase {
  name: string;
  module: 'lineinfile' | 'blockinfile' | 'replace';
  initial?: string;
  args: Record<string, unknown>;
  /** A deliberate difference from Ansible: why, and the text ferry leaves instead. */
  differs?: { why: string; ferryAfter: string };
}

const block = '# BEGIN ANSIBLE MANAGED BLOCK\nold\n# END ANSIBLE MANAGED BLOCK\n';

/** The cases, named so a failure says which. */
export const textCases: TextCase[] = [
  { name: 'li-regexp-replaces', module: 'lineinfile', initial: 'a=1\nb=2\nb=9\n', args: { regexp: '^b=', line: 'b=3' } },
  { name: 'li-regexp-firstmatch', module: 'lineinfile', initial: 'b=1\nb=2\n', args: { regexp: '^b=', line: 'b=3', firstmatch: true } },
  { name: 'li-no-match-appends', module: 'lineinfile', initial: 'a=1\n', args: { regexp: '^c=', line: 'c=1' } },
  { name: 'li-exact-line-kept', module: 'lineinfile', initial: 'a=1\nc=1\n', args: { regexp: '^x', line: 'c=1' } },
  { name: 'li-plain-line-present', module: 'lineinfile', initial: 'a=1\n', args: { line: 'a=1' } },
  { name: 'li-insertafter', module: 'lineinfile', initial: '[main]\nx=1\n[other]\n', args: { line: 'y=2', insertafter: '^\\[main\\]' } },
  { name: 'li-insertafter-last-line', module: 'lineinfile', initial: 'a\nb', args: { line: 'c', insertafter: '^b' },
    differs: { why: 'Ansible appends the line to a last line that has no newline ("a\\nbc\\n"); ferry ends that line first', ferryAfter: 'a\nb\nc\n' } },
  { name: 'li-insertafter-no-match', module: 'lineinfile', initial: 'a\n', args: { line: 'z', insertafter: '^nothing' } },
  { name: 'li-insertbefore', module: 'lineinfile', initial: 'a\nb\nc\n', args: { line: 'B', insertbefore: '^c' } },
  { name: 'li-insertbefore-bof', module: 'lineinfile', initial: 'a\n', args: { line: '# top', insertbefore: 'BOF' } },
  { name: 'li-insertafter-firstmatch', module: 'lineinfile', initial: 'x\nx\n', args: { line: 'yy', insertafter: '^x', firstmatch: true } },
  { name: 'li-backrefs-match', module: 'lineinfile', initial: 'port = 2379\n', args: { regexp: '^port = (\\d+)$', line: 'port = \\1 # kept', backrefs: true } },
  { name: 'li-backrefs-named', module: 'lineinfile', initial: 'name: db1\n', args: { regexp: '^name: (?P<n>\\w+)', line: 'host: \\g<n>', backrefs: true } },
  { name: 'li-backrefs-no-match', module: 'lineinfile', initial: 'a=1\n', args: { regexp: '^(z)=(.*)', line: '\\2', backrefs: true } },
  { name: 'li-search-string', module: 'lineinfile', initial: 'server {\n  listen 80;\n}\n', args: { search_string: 'listen 80', line: '  listen 8080;' } },
  { name: 'li-absent-regexp', module: 'lineinfile', initial: 'a\n#b\n#c\nd\n', args: { regexp: '^#', state: 'absent' } },
  { name: 'li-absent-line', module: 'lineinfile', initial: 'a\nb\n', args: { line: 'b', state: 'absent' } },
  { name: 'li-absent-nothing', module: 'lineinfile', initial: 'a\n', args: { line: 'q', state: 'absent' } },
  { name: 'li-absent-missing-file', module: 'lineinfile', args: { line: 'q', state: 'absent' } },
  { name: 'li-no-final-newline', module: 'lineinfile', initial: 'a=1', args: { line: 'b=2' } },
  { name: 'li-create', module: 'lineinfile', args: { line: 'new', create: true } },
  { name: 'li-missing-fails', module: 'lineinfile', args: { line: 'new' } },
  { name: 'li-empty-file', module: 'lineinfile', initial: '', args: { line: 'first' } },
  { name: 'bi-insert-eof', module: 'blockinfile', initial: 'a\n', args: { block: 'x\ny' } },
  { name: 'bi-update', module: 'blockinfile', initial: `top\n${block}z\n`, args: { block: 'new\nlines\n' } },
  { name: 'bi-unchanged', module: 'blockinfile', initial: `top\n${block}`, args: { block: 'old' } },
  { name: 'bi-absent', module: 'blockinfile', initial: `top\n${block}z\n`, args: { state: 'absent' } },
  { name: 'bi-empty-block-removes', module: 'blockinfile', initial: `${block}z\n`, args: { block: '' } },
  { name: 'bi-custom-marker-bof', module: 'blockinfile', initial: '<p>\n', args: { block: 'x', marker: '<!-- {mark} -->', insertbefore: 'BOF' } },
  { name: 'bi-insertafter', module: 'blockinfile', initial: '[a]\nk=1\n[b]\nk=2\n', args: { block: 'k=3', insertafter: '^\\[a\\]' } },
  { name: 'bi-insertbefore', module: 'blockinfile', initial: 'a\nb\n', args: { block: 'x', insertbefore: '^b' } },
  { name: 'bi-no-final-newline', module: 'blockinfile', initial: 'a', args: { block: 'x' } },
  { name: 'bi-marker-words', module: 'blockinfile', initial: 'a\n', args: { block: 'x', marker_begin: 'START', marker_end: 'STOP' } },
  { name: 'bi-create', module: 'blockinfile', args: { block: 'x', create: true } },
  { name: 'bi-missing-fails', module: 'blockinfile', args: { block: 'x' } },
  { name: 're-simple', module: 'replace', initial: 'a 1\nb 1\n', args: { regexp: '1$', replace: '2' } },
  { name: 're-groups', module: 'replace', initial: 'port=2379 peer=2380\n', args: { regexp: '(\\w+)=(?P<num>\\d+)', replace: '\\1:\\g<num>' } },
  { name: 're-after', module: 'replace', initial: '[a]\nx=1\n[b]\nx=1\n', args: { regexp: 'x=1', replace: 'x=2', after: '\\[b\\]' } },
  { name: 're-before', module: 'replace', initial: 'x=1\n[b]\nx=1\n', args: { regexp: 'x=1', replace: 'x=2', before: '\\[b\\]' } },
  { name: 're-after-before', module: 'replace', initial: 'x\n<s>\nx\nx\n</s>\nx\n', args: { regexp: '^x$', replace: 'yy', after: '<s>', before: '</s>' } },
  { name: 're-no-match', module: 'replace', initial: 'abc\n', args: { regexp: 'zzz', replace: 'q' } },
  { name: 're-delete-lines', module: 'replace', initial: 'keep\n#drop\nkeep\n', args: { regexp: '^#.*\\n' } },
  { name: 're-missing-fails', module: 'replace', args: { regexp: 'a', replace: 'b' } },
];
