declare module 'asterisk-manager' {
  namespace AsteriskManager {
    interface Manager {
      on(event: string, listener: (...args: never[]) => void): void;
      connect(port: number, host: string, callback?: (error?: unknown) => void): void;
      login(callback: (error?: unknown) => void): void;
      action(action: Record<string, string>, callback: (error: unknown, response: Record<string, string>) => void): void;
      disconnect(): void;
      isConnected(): boolean;
    }
  }
  const AsteriskManager: new (port: number, host: string, username: string, password: string, events: boolean) => AsteriskManager.Manager;
  export default AsteriskManager;
}
