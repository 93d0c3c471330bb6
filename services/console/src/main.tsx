import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { currentSession, signOut } from './api.js';
import { LoginPage } from './pages/login.js';
import { DeskPage } from './pages/desk.js';
import { BoardPage } from './pages/board.js';
import { ReportsPage } from './pages/reports.js';
import { RecordingsPage } from './pages/recordings.js';
import { VoicemailPage } from './pages/voicemail.js';

const PAGES = { desk: DeskPage, board: BoardPage, reports: ReportsPage, recordings: RecordingsPage, voicemail: VoicemailPage } as const;
type PageName = keyof typeof PAGES;

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

function App() {
  const hash = useHash();
  const session = currentSession();
  const name = hash.replace(/^#\//, '').split('?')[0] ?? '';
  if (!session || name === 'login') return <LoginPage />;
  const home: PageName = session.role === 'agent' ? 'desk' : 'board';
  const page: PageName = name in PAGES ? (name as PageName) : home;
  const Page = PAGES[page];
  const links: PageName[] = session.role === 'agent' ? ['desk', 'voicemail', 'recordings'] : ['board', 'reports', 'recordings', 'voicemail'];
  return (
    <div class="shell">
      <header class="topbar">
        <strong class="brand">Hotline</strong>
        <nav>
          {links.map((l) => (
            <a key={l} href={`#/${l}`} class={l === page ? 'active' : ''}>
              {l === 'desk' ? 'My desk' : l === 'board' ? 'Wallboard' : l[0]?.toUpperCase() + l.slice(1)}
            </a>
          ))}
        </nav>
        <span class="who">
          {session.username} · {session.role}
          <button class="link" onClick={signOut}>Sign out</button>
        </span>
      </header>
      <main>
        <Page session={session} />
      </main>
    </div>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
