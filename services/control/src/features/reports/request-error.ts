/** A request the reports refuse; Fastify answers with its status code and message. */
export class ReportRequestError extends Error {
  constructor(
    readonly statusCode: 400 | 403 | 404,
    message: string,
  ) {
    super(message);
  }
}
