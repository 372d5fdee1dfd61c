// @peculiar/x509 finds its algorithms through tsyringe, which refuses to load without the Reflect
// metadata API: the polyfill comes first (reflect-metadata, installed as inversify's peer), so every
// module takes @peculiar/x509 from here.
import 'reflect-metadata';

export * from '@peculiar/x509';
