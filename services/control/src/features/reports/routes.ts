import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorReply } from '@hotline/contracts';
import { createKpiDefinitionRepository, createKpiSourceRepository, type StoredKpiDefinition } from '@hotline/db';
import { reportToCsv } from '@hotline/kpi';
import { KPI_REPORT_DESCRIPTION } from './kpi-docs.js';
import { checkAgentMayRead, createKpiReportService, narrowToTeam, csvFileName, kpiReportView } from './kpi-report-service.js';
import {
  ErlangCQuery, ErlangCView, KpiDefinitionRules, KpiReportQuery, KpiReportView, StaffingQuery, StoredKpiDefinition as StoredKpiDefinitionView,
} from '@hotline/contracts/api/reports';
import { erlangCFigures, staffingFigures } from './staffing.js';

const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply };
const ERLANG_C = 'Erlang C (waiting probability from the Erlang B recurrence); SL = 1 − P(wait)·e^(−(agents − traffic)·target ÷ AHT), ASA = P(wait)·AHT ÷ (agents − traffic), traffic = calls ÷ interval × AHT.';

const definitionView = ({ definition, createdAt, createdBy }: StoredKpiDefinition) => ({ ...definition, createdAt: createdAt.toISOString(), createdBy });

/** KPI reports over stored calls, their versioned definitions, and Erlang C staffing. */
const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const definitions = createKpiDefinitionRepository(app.pg);
  const reports = createKpiReportService(createKpiSourceRepository(app.pg), definitions);
  const readers = app.allow('supervisor', 'admin');

  app.get(
    '/reports/kpi',
    {
      schema: {
        tags: ['reports'],
        summary: 'KPI report per queue, agent or team and time bucket, as JSON or CSV, under a stated KPI definition version',
        description: KPI_REPORT_DESCRIPTION,
        querystring: KpiReportQuery,
        response: { 200: { content: { 'application/json': { schema: KpiReportView }, 'text/csv': { schema: Type.String() } } }, ...errors },
      },
      onRequest: app.allow('agent', 'supervisor', 'admin'),
    },
    async (request, reply) => {
      if (request.principal?.role === 'agent') checkAgentMayRead(request.query, request.principal.agentId);
      const served = narrowToTeam(await reports.compute(request.query, Date.now()), request.query, app.scope(request));
      if (request.query.format !== 'csv') return kpiReportView(served);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csvFileName(served)}"`)
        .send(reportToCsv(served));
    },
  );

  app.get(
    '/reports/definitions',
    { schema: { tags: ['reports'], summary: 'Every KPI definition version, oldest first', response: { 200: Type.Array(StoredKpiDefinitionView), ...errors } }, onRequest: readers },
    async () => (await definitions.list()).map(definitionView),
  );

  app.post(
    '/reports/definitions',
    {
      schema: {
        tags: ['reports'],
        summary: 'Store changed KPI rules as the next definition version; existing versions never change',
        body: KpiDefinitionRules,
        response: { 201: StoredKpiDefinitionView, ...errors },
      },
      onRequest: app.allow('admin'),
    },
    async (request, reply) => {
      const created = await definitions.createNext(request.body, request.principal?.username ?? null);
      request.log.info({ version: created.definition.version, by: request.principal?.username }, 'KPI definition version created');
      return reply.code(201).send(definitionView(created));
    },
  );

  app.get(
    '/reports/erlang-c',
    {
      schema: { tags: ['reports'], summary: 'Waiting probability, service level and ASA for a staffing level', description: ERLANG_C, querystring: ErlangCQuery, response: { 200: ErlangCView, ...errors } },
      onRequest: readers,
    },
    async (request) => erlangCFigures(request.query),
  );

  app.get(
    '/reports/staffing',
    {
      schema: { tags: ['reports'], summary: 'The fewest agents that reach a service-level target, with the figures at that staffing', description: ERLANG_C, querystring: StaffingQuery, response: { 200: ErlangCView, ...errors } },
      onRequest: readers,
    },
    async (request) => staffingFigures(request.query),
  );
};
export default reportRoutes;
