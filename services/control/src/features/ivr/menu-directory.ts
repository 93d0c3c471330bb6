import type { StoredIvrMenu } from '@hotline/contracts';

/** The IVR menus in force, by number: what an arriving caller's number is looked up in, without PostgreSQL. */
export class MenuDirectory {
  #byNumber = new Map<string, StoredIvrMenu>();

  replace(menus: readonly StoredIvrMenu[]): void {
    this.#byNumber = new Map(menus.map((menu) => [menu.number, menu]));
  }

  byNumber(number: string): StoredIvrMenu | undefined {
    return this.#byNumber.get(number);
  }
}
