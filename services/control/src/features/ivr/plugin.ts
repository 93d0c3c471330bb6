import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorReply, IvrMenu, Slug } from '@hotline/contracts';
import { MenuDirectory } from './menu-directory.js';
import { menuProblems, menuTexts } from './menu-problems.js';
import { espeakSpeech, type Speech } from './speech.js';

declare module 'fastify' {
  interface FastifyInstance {
    ivrMenus: MenuDirectory;
    ivrSpeech: Speech;
  }
}

const StoredMenu = Type.Composite([Type.Object({ id: Type.String() }), IvrMenu]);
const NodeFigures = Type.Object({
  menuId: Type.String(), node: Type.String(), reached: Type.Integer(), hungUp: Type.Integer(), toQueue: Type.Integer(), completed: Type.Integer(),
});
const Period = Type.Object({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) }, { additionalProperties: false });
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply };

/**
 * IVR menus: administrators define a number's tree of nodes (menus, queues, announcements,
 * self-service lookups); it is checked (no dangling branch, no loop, no node out of reach), its
 * texts are spoken into files, and it is in force at once, no restart: an outage notice is one PUT.
 * Supervisors read where callers leave each menu.
 */
const ivrRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const reload = async () => app.ivrMenus.replace(await app.repos.ivrMenus.list());

  app.get(
    '/ivr-menus',
    { schema: { tags: ['ivr'], summary: 'The IVR menus', response: { 200: Type.Array(StoredMenu), ...errors } }, onRequest: app.allow('supervisor', 'admin') },
    async () => app.repos.ivrMenus.list(),
  );

  app.put(
    '/ivr-menus/:id',
    {
      schema: { tags: ['ivr'], summary: 'Create or change a menu (in force at once)', params: Type.Object({ id: Slug }), body: IvrMenu, response: { 200: StoredMenu, ...errors } },
      onRequest: app.allow('admin'),
    },
    async (request, reply) => {
      const { id } = request.params;
      const menu = request.body;
      const problems = menuProblems(menu, (queueId) => app.queueDirectory.byId(queueId) !== undefined);
      if (problems.length > 0) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: problems.join('; ') });
      const taken = app.ivrMenus.byNumber(menu.number);
      const clash = app.queueDirectory.byNumber(menu.number) ?? (taken?.id === id ? undefined : taken);
      if (clash) return reply.code(409).send({ statusCode: 409, error: 'Conflict', message: `body/number: ${menu.number} is already ${clash.id}'s number` });
      // Spoken before it is stored: a menu in force never points at a file that is not there.
      for (const text of menuTexts(menu)) await app.ivrSpeech.render(text, menu.language);
      const actor = request.principal?.username ?? 'unknown';
      await app.repos.ivrMenus.put(id, menu, actor);
      await app.repos.audit.record({ actor, action: 'ivr-menu.put', subject: id, data: { number: menu.number, nodes: Object.keys(menu.nodes).length } });
      await reload();
      return { id, ...menu };
    },
  );

  app.delete(
    '/ivr-menus/:id',
    { schema: { tags: ['ivr'], summary: 'Remove a menu', params: Type.Object({ id: Slug }), response: { 204: Type.Null(), ...errors } }, onRequest: app.allow('admin') },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await app.repos.ivrMenus.remove(id))) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no menu ${id}` });
      await app.repos.audit.record({ actor: request.principal?.username ?? 'unknown', action: 'ivr-menu.delete', subject: id, data: {} });
      await reload();
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/reports/ivr',
    {
      schema: { tags: ['ivr', 'reports'], summary: 'Per menu node: callers who reached it, and who left there by hanging up, into a queue, or served', querystring: Period, response: { 200: Type.Array(NodeFigures), ...errors } },
      onRequest: app.allow('supervisor', 'admin'),
    },
    async (request) => app.repos.ivrMenus.nodeFigures(Date.parse(request.query.from), Date.parse(request.query.to)),
  );
};

export default fp(
  async (app) => {
    const menus = new MenuDirectory();
    app.decorate('ivrMenus', menus);
    app.decorate('ivrSpeech', espeakSpeech(app.config.paths.chroot));
    await app.repos.ivrMenus.list().then(
      (list) => menus.replace(list),
      (error: Error) => app.log.error({ err: error.message }, 'could not read the IVR menus; their numbers are refused until a menu is saved'),
    );
    await app.register(ivrRoutes);
  },
  { name: 'ivr', dependencies: ['infra', 'auth', 'routing'] },
);
